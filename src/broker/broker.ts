// The broker core: the registry of queues and exchanges, declare/delete/bind with qpidd's error
// texts, publishing (routing + limits + persistence), recovery from the store, and the seams other
// modules use: the hooks (hooks.ts), the connection gate (transport/gate.ts) and the management
// registry (management/registry.ts).

import { randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ExchangeDeclaration, QueueDeclaration } from './declarations.js'
import { bindingRecord, durableSnapshot, exchangeRecord, queueRecord } from './durable-records.js'
import { BrokerError, invalidArgument, notAllowed, notFound, preconditionFailed } from './errors.js'
import { BrokerHooks } from './hooks.js'
import type { Logger } from './log.js'
import { scanMessage } from './message/codec.js'
import type { Binding, Exchange } from './nodes/exchange.js'
import { createExchange, isExchangeType } from './nodes/exchange-types.js'
import type { InboundMessage } from './nodes/message.js'
import { Queue, type QueueHost, type QueueObserver, type QueueOptions } from './nodes/queue.js'
import { parseQueueSettings, QueueSettingsError } from './nodes/queue-settings.js'
import { MessageStats } from './nodes/stats.js'
import { resolveQueues } from './routing.js'
import type { MessageStore } from './store/store.js'

export const VERSION = '1.40.0'

export interface BrokerConfig {
  port: number
  dataDir?: string
  auth: boolean
  store: MessageStore
  log: Logger
}

export interface DeclareQueueOptions extends QueueOptions {
  alternateExchangeName?: string
}

export interface DeclareExchangeOptions {
  durable?: boolean
  autoDelete?: boolean
  arguments?: Record<string, unknown>
  alternateExchangeName?: string
}

const BUILTIN_EXCHANGES: [string, string][] = [
  ['', 'direct'],
  ['amq.direct', 'direct'],
  ['amq.topic', 'topic'],
  ['amq.fanout', 'fanout'],
  ['amq.match', 'headers'],
  ['qpid.management', 'topic'],
  ['qmf.default.topic', 'topic'],
  ['qmf.default.direct', 'direct'],
]

export class Broker implements QueueHost {
  readonly queues = new Map<string, Queue>()
  readonly exchanges = new Map<string, Exchange>()
  /** Each queue's bindings (an exchange keeps its own list; queues know only their count). */
  private readonly queueBindings = new Map<Queue, Set<Binding>>()
  /** How the core calls its modules and its transport. */
  readonly hooks = new BrokerHooks()
  /** QueueHost: the modules that follow messages on queues (the hooks' own list, read per message). */
  readonly queueObservers: readonly QueueObserver[] = this.hooks.queueObservers
  /** Statistics of deleted queues, so broker totals never go backwards. */
  readonly retired = new MessageStats()
  discardsNoRoute = 0
  readonly startedAt = Date.now()
  readonly systemId: string
  readonly store: MessageStore
  readonly log: Logger
  readonly dataDir?: string
  port: number
  readonly auth: boolean
  /** Called to stop the process (QMF `shutdown`). */
  onShutdown?: () => void

  constructor(cfg: BrokerConfig) {
    this.store = cfg.store
    this.log = cfg.log
    this.dataDir = cfg.dataDir
    this.port = cfg.port
    this.auth = cfg.auth
    this.systemId = this.loadSystemId()
    this.store.setSnapshotSource?.(() => durableSnapshot(this.exchanges.values(), this.queues.values()))
    for (const [name, type] of BUILTIN_EXCHANGES) {
      const durable = name.startsWith('amq.') && this.store.persistent
      this.exchanges.set(name, createExchange(type, name, { durable, arguments: { 'qpid.replicate': 'none' } }))
    }
  }

  get defaultExchange(): Exchange {
    return this.exchanges.get('') as Exchange
  }

  /** Recreates durable exchanges, queues (with messages) and bindings from the store. */
  async recover(): Promise<void> {
    const state = await this.store.recover()
    for (const e of state.exchanges) {
      if (this.exchanges.has(e.name) || !isExchangeType(e.type)) continue
      const ex = createExchange(e.type, e.name, { durable: true, autoDelete: e.autoDelete, arguments: e.arguments })
      ex.persistenceId = e.id
      this.exchanges.set(e.name, ex)
    }
    for (const e of state.exchanges) {
      const ex = this.exchanges.get(e.name)
      const alt = e.alternateExchange ? this.exchanges.get(e.alternateExchange) : undefined
      if (ex && alt) this.setAlt(ex, alt)
    }
    for (const rq of state.queues) {
      const alt = rq.alternateExchange ? this.exchanges.get(rq.alternateExchange) : undefined
      const q = new Queue(rq.name, this, {
        durable: true,
        autoDelete: rq.autoDelete,
        exclusive: rq.exclusive,
        arguments: rq.arguments,
        alternateExchange: alt?.name,
      })
      if (alt) alt.altUsers++
      q.persistenceId = rq.id
      this.queues.set(q.name, q)
      // as declareQueue does: the default binding counts in bindingCount (qpid-stat -q bind)
      const defaultBinding = this.defaultExchange.bind(q, q.name, {})
      if (defaultBinding) this.addBinding(defaultBinding)
      for (const m of rq.messages) {
        const info = scanMessage(m.bytes)
        const lvProps = q.settings.lvqKey !== undefined ? info.applicationProperties : undefined
        const entry = q.entryFor(m.bytes, true, info.priority, lvProps, info.ttl)
        entry.persistenceId = m.id
        q.enqueue(entry, true)
      }
    }
    for (const b of state.bindings) {
      const ex = this.exchanges.get(b.exchange)
      const q = this.queues.get(b.queue)
      if (!ex || !q) continue
      const binding = ex.bind(q, b.key, b.arguments)
      if (binding) this.addBinding(binding)
    }
    this.log.notice('Store', `Recovered ${state.queues.length} queues, ${state.exchanges.length} exchanges`)
  }

  // ---- queues -----------------------------------------------------------------------------------

  /** Declares a queue; returns the existing one (created=false) when the name is taken. */
  declareQueue(name: string, opts: DeclareQueueOptions = {}): { queue: Queue; created: boolean } {
    const existing = this.queues.get(name)
    if (existing) return { queue: existing, created: false }
    let alt: Exchange | undefined
    if (opts.alternateExchangeName) {
      alt = this.exchanges.get(opts.alternateExchangeName)
      if (!alt) throw notFound(`Alternate exchange does not exist: ${opts.alternateExchangeName}`)
    }
    const declaration: QueueDeclaration = {
      name,
      durable: !!opts.durable,
      autoDelete: !!opts.autoDelete,
      exclusive: !!opts.exclusive,
      arguments: opts.arguments ?? {},
    }
    // settings are checked before the modules see the declaration: their error comes first
    try {
      parseQueueSettings(declaration.arguments)
    } catch (e) {
      if (e instanceof QueueSettingsError) throw new BrokerError(e.message, 'amqp:invalid-field')
      throw e
    }
    this.hooks.declaringQueue(declaration)
    const q = new Queue(name, this, { ...opts, arguments: declaration.arguments, alternateExchange: alt?.name })
    if (alt) alt.altUsers++
    this.queues.set(name, q)
    const b = this.defaultExchange.bind(q, name, {})
    if (b) this.addBinding(b)
    if (q.durable && this.store.persistent) q.persistenceId = this.store.declareQueue(queueRecord(q))
    this.log.debug('Broker', `Queue declared: ${name}`)
    this.hooks.queueDeclared(q)
    return { queue: q, created: true }
  }

  deleteQueue(name: string, opts: { ifEmpty?: boolean; ifUnused?: boolean } = {}): void {
    const q = this.queues.get(name)
    if (!q) throw notFound(`Delete failed. No such queue: ${name}`)
    if (opts.ifEmpty && q.msgDepth > 0) throw preconditionFailed(`Cannot delete queue ${name}; queue not empty`)
    if (opts.ifUnused && !q.isUnused()) throw preconditionFailed(`Cannot delete queue ${name}; queue in use`)
    this.destroyQueue(q)
  }

  /** Removes a queue: bindings go, messages go to the alternate exchange (or are abandoned). */
  destroyQueue(q: Queue): void {
    if (q.deleted) return
    for (const m of q.allMessages()) {
      if (q.alternateExchange !== undefined && this.reroute(m.bytes, q.alternateExchange)) q.stats.abandonedViaAlt++
      else q.stats.abandoned++
      q.dequeue(m, 'deleted')
    }
    q.deleted = true
    for (const b of [...this.bindingsOf(q)]) this.removeBinding(b)
    this.queueBindings.delete(q)
    const alt = q.alternateExchange !== undefined ? this.exchanges.get(q.alternateExchange) : undefined
    if (alt) alt.altUsers--
    this.queues.delete(q.name)
    q.stats.addTo(this.retired)
    if (q.durable && q.persistenceId) this.store.deleteQueue(q.persistenceId)
    this.log.debug('Broker', `Queue deleted: ${q.name}`)
    this.hooks.queueDeleted(q)
  }

  autoDelete(q: Queue): void {
    // deferred so a consumer detaching inside a dispatch loop does not delete under it
    queueMicrotask(() => {
      if (!q.deleted && q.isUnused() && !this.hooks.keepAutoDelete?.(q)) this.destroyQueue(q)
    })
  }

  // ---- exchanges --------------------------------------------------------------------------------

  declareExchange(
    name: string,
    type: string,
    opts: DeclareExchangeOptions = {},
  ): { exchange: Exchange; created: boolean } {
    const existing = this.exchanges.get(name)
    if (existing) return { exchange: existing, created: false }
    if (!isExchangeType(type)) throw new BrokerError(`Invalid exchange type: ${type}`, 'amqp:not-implemented')
    let alt: Exchange | undefined
    if (opts.alternateExchangeName) {
      alt = this.exchanges.get(opts.alternateExchangeName)
      if (!alt) throw notFound(`Alternate exchange does not exist: ${opts.alternateExchangeName}`)
    }
    const declaration: ExchangeDeclaration = {
      name,
      type,
      durable: !!opts.durable,
      autoDelete: !!opts.autoDelete,
      arguments: opts.arguments ?? {},
    }
    this.hooks.declaringExchange(declaration)
    const ex = createExchange(type, name, {
      durable: opts.durable,
      autoDelete: opts.autoDelete,
      arguments: declaration.arguments,
    })
    if (alt) this.setAlt(ex, alt)
    this.exchanges.set(name, ex)
    if (ex.durable && this.store.persistent) ex.persistenceId = this.store.declareExchange(exchangeRecord(ex))
    this.hooks.exchangeDeclared(ex)
    return { exchange: ex, created: true }
  }

  deleteExchange(name: string): void {
    if (name === '') throw invalidArgument('Delete not allowed for default exchange')
    const ex = this.exchanges.get(name)
    // qpidd looks the exchange up in its registry first, whose error is what clients see (golden 54).
    if (!ex) throw notFound(`Exchange not found: ${name}`)
    if (ex.altUsers > 0) throw notAllowed(`Cannot delete ${name}, in use as alternate-exchange.`)
    for (const b of [...ex.bindings]) this.removeBinding(b)
    if (ex.altExchange) ex.altExchange.altUsers--
    ex.deleted = true
    this.exchanges.delete(name)
    if (ex.persistenceId) this.store.deleteExchange(ex.persistenceId)
    this.hooks.exchangeDeleted(ex)
  }

  private setAlt(ex: Exchange, alt: Exchange): void {
    ex.altExchange = alt
    alt.altUsers++
  }

  // ---- bindings ---------------------------------------------------------------------------------

  bind(exchangeName: string, queueName: string, key: string, args: Record<string, unknown> = {}): Binding | undefined {
    if (exchangeName === '') throw invalidArgument('Bind not allowed for default exchange')
    const q = this.queues.get(queueName)
    if (!q) throw notFound(`Bind failed. No such queue: ${queueName}`)
    const ex = this.exchanges.get(exchangeName)
    if (!ex) throw notFound(`Bind failed. No such exchange: ${exchangeName}`)
    const b = ex.bind(q, key, args)
    if (!b) return undefined
    this.addBinding(b)
    if (ex.durable && q.durable && this.store.persistent) this.store.bind(bindingRecord(b))
    this.hooks.bound(b)
    return b
  }

  unbind(exchangeName: string, queueName: string, key: string): void {
    if (exchangeName === '') throw invalidArgument('Unbind not allowed for default exchange')
    const q = this.queues.get(queueName)
    if (!q) throw notFound(`Unbind failed. No such queue: ${queueName}`)
    const ex = this.exchanges.get(exchangeName)
    if (!ex) throw notFound(`Unbind failed. No such exchange: ${exchangeName}`)
    const b = ex.find(q, key)
    if (b) this.removeBinding(b)
  }

  /** The bindings of a queue, on every exchange (the default one included). */
  private bindingsOf(q: Queue): Set<Binding> {
    let set = this.queueBindings.get(q)
    if (!set) {
      set = new Set()
      this.queueBindings.set(q, set)
    }
    return set
  }

  private addBinding(b: Binding): void {
    const ofQueue = this.bindingsOf(b.queue)
    ofQueue.add(b)
    b.queue.bindingCount.set(ofQueue.size)
  }

  private removeBinding(b: Binding): void {
    b.exchange.unbind(b)
    const ofQueue = this.bindingsOf(b.queue)
    ofQueue.delete(b)
    b.queue.bindingCount.set(ofQueue.size)
    if (b.exchange !== this.defaultExchange && b.exchange.durable && b.queue.durable && this.store.persistent)
      this.store.unbind(bindingRecord(b))
    this.hooks.unbound(b)
  }

  // ---- messages ---------------------------------------------------------------------------------

  /**
   * Delivers an incoming message to a queue, or through an exchange with `key`. Returns whether a
   * persistent copy was recorded (the sender's delivery must then wait for `store.sync`). Throws
   * LimitExceeded (reject policy) before anything is enqueued.
   */
  publish(msg: InboundMessage, target: Queue | Exchange, key: string): boolean {
    let queues: Queue[]
    if (target instanceof Queue) queues = [target]
    else {
      if (this.hooks.qmfRequest?.(target, key, msg)) return false
      queues = resolveQueues(target, key, msg, msg.bytes.length)
      if (queues.length === 0) {
        this.discardsNoRoute++
        return false
      }
    }
    const size = msg.bytes.length
    for (const q of queues) q.checkLimit(size)
    let persisted = false
    for (const q of queues) {
      const m = q.entryForMessage(msg)
      q.enqueue(m)
      if (m.persistenceId) persisted = true
    }
    return persisted
  }

  /** QueueHost: routes stored bytes through the named exchange (alternate exchanges, reroute). */
  reroute(bytes: Buffer, exchangeName: string): boolean {
    const exchange = this.exchanges.get(exchangeName)
    if (!exchange) return false
    let msg: InboundMessage
    try {
      msg = scanMessage(bytes)
    } catch {
      return false
    }
    const queues = resolveQueues(exchange, msg.subject ?? '', msg, bytes.length)
    for (const q of queues) {
      try {
        q.checkLimit(bytes.length)
        q.enqueue(q.entryForMessage(msg))
      } catch {
        q.stats.discardsOverflow++
      }
    }
    return queues.length > 0
  }

  /** Drops expired messages from every queue (run every --queue-purge-interval). */
  purgeExpired(): number {
    const now = Date.now()
    let n = 0
    for (const q of this.queues.values()) n += q.purgeExpired(now)
    return n
  }

  /** Resolves an address as qpidd does: queue first, then exchange. */
  lookupNode(name: string): Queue | Exchange | undefined {
    return this.queues.get(name) ?? this.exchanges.get(name)
  }

  /** Sum of all queue statistics (live and deleted). */
  totals(): MessageStats & { msgDepth: number; byteDepth: number } {
    const t = new MessageStats()
    this.retired.addTo(t)
    let msgDepth = 0
    let byteDepth = 0
    for (const q of this.queues.values()) {
      q.stats.addTo(t)
      msgDepth += q.msgDepth
      byteDepth += q.byteDepth
    }
    return Object.assign(t, { msgDepth, byteDepth })
  }

  private loadSystemId(): string {
    if (!this.dataDir) return randomUUID()
    const file = join(this.dataDir, 'systemId')
    try {
      if (existsSync(file)) {
        const id = readFileSync(file, 'utf8').trim()
        if (/^[0-9a-f-]{36}$/.test(id)) return id
      }
      mkdirSync(this.dataDir, { recursive: true })
      const id = randomUUID()
      writeFileSync(file, `${id}\n`)
      return id
    } catch {
      return randomUUID()
    }
  }
}
