// A backup applies the primary's configuration stream (ha.md §6.4): the snapshot reconciles what
// it already has (objects missing on the primary are deleted, a different qpid.ha-uuid means the
// object was recreated, a queue without live replication state is replaced), then change events
// are applied in order. Deleting a replica queue purges it first, so nothing is rerouted here.

import type { Broker } from '../broker.js'
import type { BindingDeclaration, ExchangeDeclaration, QueueDeclaration } from '../declarations.js'
import { BrokerError } from '../errors.js'
import type { Queue } from '../nodes/queue.js'
import { bindingReplicated, stampedLevel, UUID_ARG } from './levels.js'
import type { MemberRecord } from './membership.js'
import type { ConfigEvent } from './protocol.js'

export interface ReplicaHooks {
  /** True when the queue has live replication state from this primary. */
  isLive(q: Queue): boolean
  /** A queue with level `all` exists locally: replicate its messages. */
  startReplica(q: Queue): void
  /** The queue is about to be deleted locally. */
  dropReplica(q: Queue): void
  members(records: MemberRecord[]): void
  /** Fail-stop: the backup cannot follow this primary. */
  fatal(message: string): void
}

const uuidOf = (args: Record<string, unknown>) => String(args[UUID_ARG] ?? '')

export class ConfigReplica {
  constructor(
    private readonly broker: Broker,
    private readonly replicateDefault: string,
    private readonly hooks: ReplicaHooks,
  ) {}

  apply(ev: ConfigEvent): void {
    switch (ev.type) {
      case 'snapshot':
        if (ev.replicateDefault !== this.replicateDefault) {
          this.hooks.fatal(
            `Replicate default on backup (${this.replicateDefault}) does not match primary (${ev.replicateDefault})`,
          )
          return
        }
        this.snapshot(ev.exchanges, ev.queues, ev.bindings)
        this.hooks.members(ev.members)
        return
      case 'queue-declare':
        this.dropQueue(ev.queue.name)
        this.declareQueue(ev.queue)
        return
      case 'queue-delete':
        this.dropQueue(ev.name)
        return
      case 'exchange-declare':
        this.dropExchange(ev.exchange.name)
        this.declareExchange(ev.exchange)
        return
      case 'exchange-delete':
        this.dropExchange(ev.name)
        return
      case 'bind':
        this.bind(ev.binding)
        return
      case 'unbind':
        this.quietly(() => this.broker.unbind(ev.binding.exchange, ev.binding.queue, ev.binding.key))
        return
      case 'members':
        this.hooks.members(ev.members)
    }
  }

  private snapshot(exchanges: ExchangeDeclaration[], queues: QueueDeclaration[], bindings: BindingDeclaration[]): void {
    const b = this.broker
    const wantEx = new Map(exchanges.map((e) => [e.name, e]))
    const wantQ = new Map(queues.map((q) => [q.name, q]))
    for (const q of [...b.queues.values()]) {
      if (stampedLevel(q.arguments) === 'none') continue
      const want = wantQ.get(q.name)
      if (!want || uuidOf(want.arguments) !== uuidOf(q.arguments) || !this.hooks.isLive(q)) this.dropQueue(q.name)
    }
    for (const ex of [...b.exchanges.values()]) {
      if (stampedLevel(ex.arguments) === 'none') continue
      const want = wantEx.get(ex.name)
      if (!want || uuidOf(want.arguments) !== uuidOf(ex.arguments)) this.dropExchange(ex.name)
    }
    for (const e of exchanges) if (!b.exchanges.has(e.name)) this.declareExchange(e)
    for (const q of queues) {
      const local = b.queues.get(q.name)
      if (local) this.hooks.startReplica(local)
      else this.declareQueue(q)
    }
    const key = (x: { exchange: string; queue: string; key: string }) => `${x.exchange}\u0000${x.queue}\u0000${x.key}`
    const wantB = new Set(bindings.map(key))
    for (const ex of b.exchanges.values()) {
      for (const bd of [...ex.bindings]) {
        const decl = { exchange: ex.name, queue: bd.queue.name, key: bd.key }
        if (!bindingReplicated(ex.arguments, bd.queue.arguments, bd.args)) continue
        if (!wantB.has(key(decl))) this.quietly(() => b.unbind(ex.name, bd.queue.name, bd.key))
      }
    }
    for (const bd of bindings) this.bind(bd)
  }

  private declareQueue(d: QueueDeclaration): void {
    const opts = {
      durable: d.durable,
      autoDelete: d.autoDelete,
      // replicas have no owner, even when exclusive on the primary
      exclusive: d.exclusive,
      arguments: { ...d.arguments },
    }
    let q: Queue | undefined
    this.quietly(() => {
      try {
        q = this.broker.declareQueue(d.name, { ...opts, alternateExchangeName: d.alternateExchange }).queue
      } catch (e) {
        // alternate exchange not replicated (yet): declare without it
        if (!(e instanceof BrokerError) || !d.alternateExchange) throw e
        q = this.broker.declareQueue(d.name, opts).queue
      }
    })
    if (q) this.hooks.startReplica(q)
  }

  private declareExchange(d: ExchangeDeclaration): void {
    this.quietly(() =>
      this.broker.declareExchange(d.name, d.type, {
        durable: d.durable,
        autoDelete: d.autoDelete,
        arguments: { ...d.arguments },
        alternateExchangeName:
          d.alternateExchange && this.broker.exchanges.has(d.alternateExchange) ? d.alternateExchange : undefined,
      }),
    )
  }

  private bind(d: BindingDeclaration): void {
    const ex = this.broker.exchanges.get(d.exchange)
    const q = this.broker.queues.get(d.queue)
    if (!ex || !q || ex.find(q, d.key)) return
    this.quietly(() => this.broker.bind(d.exchange, d.queue, d.key, d.arguments))
  }

  private dropQueue(name: string): void {
    const q = this.broker.queues.get(name)
    if (!q) return
    this.hooks.dropReplica(q)
    for (const m of q.allMessages()) q.dequeue(m, 'purged')
    this.broker.destroyQueue(q)
  }

  private dropExchange(name: string): void {
    const ex = this.broker.exchanges.get(name)
    if (!ex) return
    if (ex.altUsers > 0) {
      this.broker.log.warning('HA', `Exchange ${name} is in use as an alternate exchange, not deleted`)
      return
    }
    this.quietly(() => this.broker.deleteExchange(name))
  }

  private quietly(fn: () => void): void {
    try {
      fn()
    } catch (e) {
      this.broker.log.warning('HA', `Configuration replication: ${(e as Error).message}`)
    }
  }
}
