// A queue: ordered messages (one positional deque per priority level), consumers served round-robin
// with credit, qpidd's limit policies (reject / ring), last-value replacement, flow-stop accounting,
// statistics. Persistence and routing of orphans go through the QueueHost (the broker).
import type { MessageStore } from '../store/store.js'
import { ACQUIRED, AVAILABLE, DELETED, type InboundMessage, QueuedMessage } from './message.js'
import { MessageList } from './message-list.js'
import { parseQueueSettings, priorityLevel, type QueueSettings } from './queue-settings.js'
import { HiLo, MessageStats } from './stats.js'

/** Why a message left a queue (qpidd's dequeue reasons, used for statistics and replication). */
export type DequeueReason = 'consumed' | 'purged' | 'ring' | 'lvq' | 'rejected' | 'rerouted' | 'deleted' | 'expired'

/** What happens to messages on a queue, for the modules that follow it (HA replication, tests). */
export interface QueueObserver {
  enqueued?(queue: Queue, msg: QueuedMessage): void
  acquired?(queue: Queue, msg: QueuedMessage): void
  released?(queue: Queue, msg: QueuedMessage): void
  dequeued?(queue: Queue, msg: QueuedMessage, reason: DequeueReason): void
}

/** A consumer as the queue sees it (implemented by the AMQP outgoing link). */
export interface Consumer {
  readonly browsing: boolean
  /** Messages that may be sent now (link credit and session window). */
  canSend(): boolean
  send(msg: QueuedMessage, queue: Queue): void
  /** Browse cursors, one position per priority level. */
  cursor: number[]
}

export interface QueueHost {
  /** Only observers with at least one queue event: the hot path skips the loop when empty. */
  readonly queueObservers: readonly QueueObserver[]
  readonly store: MessageStore
  /** Routes stored bytes through the named exchange (alternate exchange, reroute); true if delivered somewhere. */
  reroute(bytes: Buffer, exchange: string): boolean
  /** The queue became unused and is auto-delete. */
  autoDelete(queue: Queue): void
}

export class LimitExceeded extends Error {}

export interface QueueOptions {
  durable?: boolean
  autoDelete?: boolean
  exclusive?: boolean
  arguments?: Record<string, unknown>
  /** Name of the alternate exchange (the broker keeps it from being deleted while in use). */
  alternateExchange?: string
  /** Owning connection/session name for exclusive queues (qpidd `creator`/owner). */
  owner?: string
}

export class Queue {
  readonly durable: boolean
  readonly autoDelete: boolean
  readonly exclusive: boolean
  readonly arguments: Record<string, unknown>
  readonly settings: QueueSettings
  readonly alternateExchange?: string
  readonly owner?: string
  readonly stats = new MessageStats()
  readonly consumerCount = new HiLo()
  readonly bindingCount = new HiLo()
  readonly createdAt = Date.now()
  /** Store id of the queue record (0 = not persisted). */
  persistenceId = 0
  flowStopped = false
  flowStoppedCount = 0
  deleted = false
  /** Bumped whenever statistics change; QMF `_update_ts`. */
  updatedAt = Date.now()

  private readonly levels: MessageList[]
  private readonly lvq?: Map<string, QueuedMessage>
  private readonly consumers: Consumer[] = []
  private rr = 0
  private depth = 0
  private bytes = 0
  private dispatching = false
  private everUsed = false
  private readonly flowWaiters = new Set<() => void>()
  /** Messages sent to consumers and not yet settled. */
  acquiredCount = 0

  constructor(
    readonly name: string,
    private readonly host: QueueHost,
    opts: QueueOptions = {},
  ) {
    this.durable = !!opts.durable
    this.autoDelete = !!opts.autoDelete
    this.exclusive = !!opts.exclusive
    this.arguments = opts.arguments ?? {}
    this.alternateExchange = opts.alternateExchange
    this.owner = opts.owner
    this.settings = parseQueueSettings(this.arguments)
    const n = Math.max(1, this.settings.priorities)
    this.levels = Array.from({ length: n }, () => new MessageList())
    if (this.settings.lvqKey !== undefined) this.lvq = new Map()
  }

  get msgDepth(): number {
    return this.depth
  }
  get byteDepth(): number {
    return this.bytes
  }

  /** Throws LimitExceeded when a message of `size` bytes cannot be accepted under policy reject. */
  checkLimit(size: number): void {
    const s = this.settings
    if (s.policy === 'ring') return
    if ((s.maxCount && this.depth + 1 > s.maxCount) || (s.maxSize && this.bytes + size > s.maxSize)) {
      throw new LimitExceeded(
        `Maximum depth exceeded on ${this.name}: current=[count: ${this.depth}, size: ${this.bytes}], max=[count: ${s.maxCount}, size: ${s.maxSize}]`,
      )
    }
  }

  /** Creates the queue's entry for a routed message. */
  entryFor(
    bytes: Buffer,
    durable: boolean,
    priority: number,
    props?: Record<string, unknown>,
    ttl?: number,
  ): QueuedMessage {
    const key = this.settings.lvqKey
    const lv = key !== undefined && props ? props[key] : undefined
    const m = new QueuedMessage(bytes, durable, priority, lv === undefined ? undefined : String(lv))
    if (ttl) m.expiresAt = Date.now() + ttl
    return m
  }

  /** The entry for a routed message; application properties are only read by last-value queues. */
  entryForMessage(
    msg: Pick<InboundMessage, 'bytes' | 'durable' | 'priority' | 'ttl' | 'absoluteExpiry' | 'applicationProperties'>,
  ): QueuedMessage {
    const props = this.settings.lvqKey !== undefined ? msg.applicationProperties : undefined
    const m = this.entryFor(msg.bytes, msg.durable, msg.priority, props, msg.ttl)
    // the earlier of header TTL and properties absolute-expiry-time
    if (msg.absoluteExpiry && (m.expiresAt === 0 || msg.absoluteExpiry < m.expiresAt)) m.expiresAt = msg.absoluteExpiry
    return m
  }

  /** Adds a message (limits already checked); persists it first when durable. */
  enqueue(m: QueuedMessage, recovered = false): void {
    if (this.lvq && m.lvqKey !== undefined) {
      const prev = this.lvq.get(m.lvqKey)
      if (prev && prev.state === AVAILABLE) {
        this.stats.discardsLvq++
        this.dequeue(prev, 'lvq')
      }
      this.lvq.set(m.lvqKey, m)
    }
    this.list(m).push(m)
    this.depth++
    this.bytes += m.size
    const st = this.stats
    st.msgTotalEnqueues++
    st.byteTotalEnqueues += m.size
    if (m.durable && this.durable) {
      st.msgPersistEnqueues++
      st.bytePersistEnqueues += m.size
      if (!recovered && this.persistenceId)
        m.persistenceId = this.host.store.enqueue({ queueId: this.persistenceId, bytes: m.bytes })
    }
    this.updatedAt = Date.now()
    this.checkFlow()
    const obs = this.host.queueObservers
    if (obs.length) for (const o of obs) o.enqueued?.(this, m)
    if (this.settings.policy === 'ring') this.trimRing()
    if (this.consumers.length) this.dispatch()
  }

  /**
   * A full ring queue drops, as qpidd does after enqueueing, the oldest available message of the
   * lowest priority, which may be the one just enqueued (a low-priority arrival never pushes out
   * a higher-priority message). A single message larger than qpid.max_size stays.
   */
  private trimRing(): void {
    const s = this.settings
    while ((s.maxCount && this.depth > s.maxCount) || (s.maxSize && this.depth > 1 && this.bytes > s.maxSize)) {
      const old = this.oldestAvailable()
      if (!old) break
      this.stats.discardsRing++
      this.dequeue(old, 'ring')
    }
  }

  /** Removes a message for good (accepted, purged, discarded...). */
  dequeue(m: QueuedMessage, reason: DequeueReason): void {
    if (m.state === DELETED) return
    if (m.state === ACQUIRED) this.acquiredCount--
    this.list(m).remove(m)
    if (this.lvq && m.lvqKey !== undefined && this.lvq.get(m.lvqKey) === m) this.lvq.delete(m.lvqKey)
    this.depth--
    this.bytes -= m.size
    const st = this.stats
    st.msgTotalDequeues++
    st.byteTotalDequeues += m.size
    if (m.durable && this.durable) {
      st.msgPersistDequeues++
      st.bytePersistDequeues += m.size
      if (m.persistenceId) this.host.store.dequeue(this.persistenceId, m.persistenceId)
    }
    this.updatedAt = Date.now()
    if (this.flowStopped) this.checkFlow()
    const obs = this.host.queueObservers
    if (obs.length) for (const o of obs) o.dequeued?.(this, m, reason)
  }

  /** A consumer gave an acquired message back (released/modified, or the consumer went away). */
  release(m: QueuedMessage, countDelivery = true): void {
    if (m.state !== ACQUIRED) return
    m.state = AVAILABLE
    this.acquiredCount--
    if (countDelivery) m.deliveryCount++
    this.stats.releases++
    this.list(m).madeAvailable(m.position)
    const obs = this.host.queueObservers
    if (obs.length) for (const o of obs) o.released?.(this, m)
    if (this.consumers.length) this.dispatch()
  }

  /** A consumer rejected the message: to the alternate exchange if any, else dropped. */
  reject(m: QueuedMessage): void {
    if (m.state === DELETED) return
    this.stats.discardsSubscriber++
    if (this.alternateExchange !== undefined) this.host.reroute(m.bytes, this.alternateExchange)
    this.dequeue(m, 'rejected')
  }

  addConsumer(c: Consumer): void {
    this.consumers.push(c)
    this.everUsed = true
    this.consumerCount.set(this.consumers.length)
    this.updatedAt = Date.now()
    this.dispatch()
  }

  removeConsumer(c: Consumer): void {
    const i = this.consumers.indexOf(c)
    if (i < 0) return
    this.consumers.splice(i, 1)
    if (this.rr >= this.consumers.length) this.rr = 0
    this.consumerCount.set(this.consumers.length)
    this.updatedAt = Date.now()
    if (this.consumers.length === 0 && this.autoDelete && this.everUsed) this.host.autoDelete(this)
  }

  /** Sends available messages to consumers with credit, round-robin. Re-entrancy safe. */
  dispatch(): void {
    if (this.dispatching || this.deleted) return
    this.dispatching = true
    try {
      let progress = true
      while (progress) {
        progress = false
        const n = this.consumers.length
        const start = this.rr
        for (let k = 0; k < n; k++) {
          const i = (start + k) % n
          const c = this.consumers[i]
          if (!c.canSend()) continue
          const m = c.browsing ? this.nextForBrowser(c) : this.acquireNext()
          if (!m) continue
          c.send(m, this)
          // the next message goes to the consumer after the one just served
          this.rr = (i + 1) % n
          progress = true
        }
      }
    } finally {
      this.dispatching = false
    }
  }

  /** Removes up to `max` available messages (0 = all), rerouted through exchange `to` if given; returns how many. */
  purge(max: number, reason: DequeueReason = 'purged', to?: string): number {
    let n = 0
    for (const m of this.availableMessages()) {
      if (max && n >= max) break
      if (to !== undefined) {
        this.host.reroute(m.bytes, to)
        this.stats.reroutes++
      } else if (reason === 'purged') this.stats.discardsPurge++
      this.dequeue(m, reason)
      n++
    }
    return n
  }

  /** Snapshot of available messages in delivery order. */
  availableMessages(): QueuedMessage[] {
    const out: QueuedMessage[] = []
    for (let l = this.levels.length - 1; l >= 0; l--)
      for (const m of this.levels[l]) if (m.state === AVAILABLE) out.push(m)
    return out
  }

  /** Every message still in the queue (available or acquired), e.g. for deletion. */
  allMessages(): QueuedMessage[] {
    const out: QueuedMessage[] = []
    for (let l = this.levels.length - 1; l >= 0; l--) for (const m of this.levels[l]) out.push(m)
    return out
  }

  isUnused(): boolean {
    return this.consumers.length === 0
  }

  newCursor(): number[] {
    return this.levels.map(() => 0)
  }

  private list(m: QueuedMessage): MessageList {
    return this.levels.length === 1 ? this.levels[0] : this.levels[priorityLevel(m.priority, this.levels.length)]
  }

  private acquireNext(): QueuedMessage | undefined {
    for (let l = this.levels.length - 1; l >= 0; l--) {
      let m = this.levels[l].firstAvailable()
      while (m?.expiresAt && this.expireIfDue(m)) m = this.levels[l].firstAvailable()
      if (m) {
        m.state = ACQUIRED
        this.acquiredCount++
        this.stats.acquires++
        const obs = this.host.queueObservers
        if (obs.length) for (const o of obs) o.acquired?.(this, m)
        return m
      }
    }
    return undefined
  }

  private nextForBrowser(c: Consumer): QueuedMessage | undefined {
    for (let l = this.levels.length - 1; l >= 0; l--) {
      let m = this.levels[l].next(c.cursor[l] ?? 0)
      while (m?.expiresAt && this.expireIfDue(m)) m = this.levels[l].next(c.cursor[l] ?? 0)
      if (m) {
        c.cursor[l] = m.position
        return m
      }
    }
    return undefined
  }

  /** Drops an available message whose TTL has passed (qpidd's discardsTtl); true if it was dropped. */
  private expireIfDue(m: QueuedMessage, now = Date.now()): boolean {
    if (m.state !== AVAILABLE || m.expiresAt === 0 || m.expiresAt > now) return false
    this.stats.discardsTtl++
    this.dequeue(m, 'expired')
    return true
  }

  /** Removes every expired available message (the periodic purge, qpidd's queue-purge-interval). */
  purgeExpired(now = Date.now()): number {
    let n = 0
    for (let l = 0; l < this.levels.length; l++)
      for (const m of this.levels[l]) if (m.expiresAt !== 0 && this.expireIfDue(m, now)) n++
    return n
  }

  private oldestAvailable(): QueuedMessage | undefined {
    for (const list of this.levels) {
      for (const m of list) if (m.state === AVAILABLE) return m
    }
    return undefined
  }

  private checkFlow(): void {
    const s = this.settings
    if (!this.flowStopped) {
      if ((s.flowStopCount && this.depth >= s.flowStopCount) || (s.flowStopSize && this.bytes >= s.flowStopSize)) {
        this.flowStopped = true
        this.flowStoppedCount++
      }
    } else if (
      (!s.flowStopCount || this.depth <= s.flowResumeCount) &&
      (!s.flowStopSize || this.bytes <= s.flowResumeSize)
    ) {
      this.flowStopped = false
      if (this.flowWaiters.size) {
        const waiters = [...this.flowWaiters]
        this.flowWaiters.clear()
        queueMicrotask(() => {
          for (const w of waiters) w()
        })
      }
    }
  }

  /** Runs `fn` once the queue leaves the flow-stopped state (producers get their credit back). */
  whenFlowResumes(fn: () => void): void {
    if (!this.flowStopped) fn()
    else this.flowWaiters.add(fn)
  }
}
