// Replication state of one queue with level `all`: the replication id of every message (ha.md
// §6.5: per-queue sequence, independent of queue position so LVQ/ring/priority work), the guards
// that hold sender confirmations, and the replicating subscriptions reading it.
// A `source` queue numbers its own messages (primary, or the source of a standalone replica);
// a `replica` queue takes the ids its source sends.
import type { QueuedMessage } from '../nodes/message.js'
import type { Queue } from '../nodes/queue.js'
import type { ConfirmationTracker } from './confirmation.js'
import { QueueGuards } from './guards.js'

/** What a replicating subscription needs to hear about its queue. */
export interface QueueListener {
  enqueued(m: QueuedMessage, id: number): void
  dequeued(id: number): void
  /** The queue was deleted on this broker. */
  closed(): void
}

export class HaQueue {
  nextId = 1
  readonly byId = new Map<number, QueuedMessage>()
  readonly idOf = new Map<QueuedMessage, number>()
  readonly guards: QueueGuards
  readonly listeners = new Set<QueueListener>()

  constructor(
    readonly queue: Queue,
    public mode: 'source' | 'replica',
    confirmation: ConfirmationTracker,
  ) {
    this.guards = new QueueGuards(confirmation)
    // A source created for a queue that already holds messages numbers them in queue order.
    if (mode === 'source') for (const m of queue.allMessages()) this.assign(m)
  }

  assign(m: QueuedMessage): number {
    const id = this.nextId++
    this.byId.set(id, m)
    this.idOf.set(m, id)
    return id
  }

  /** A replica enqueued a copy under the source's id. */
  record(m: QueuedMessage, id: number): void {
    this.byId.set(id, m)
    this.idOf.set(m, id)
    if (id >= this.nextId) this.nextId = id + 1
  }

  forget(m: QueuedMessage): number | undefined {
    const id = this.idOf.get(m)
    if (id === undefined) return undefined
    this.idOf.delete(m)
    this.byId.delete(id)
    return id
  }

  /** Queue observer path: a message arrived. */
  onEnqueued(m: QueuedMessage): void {
    if (this.mode !== 'source') return
    const id = this.assign(m)
    this.guards.enqueued(id)
    for (const l of this.listeners) l.enqueued(m, id)
  }

  /** Queue observer path: a message left the queue, for any reason. */
  onDequeued(m: QueuedMessage): void {
    const id = this.forget(m)
    if (id === undefined || this.mode !== 'source') return
    this.guards.dequeued(id)
    for (const l of this.listeners) l.dequeued(id)
  }

  /** The queue was deleted: release every held sender, end the subscriptions. */
  close(): void {
    this.guards.cancelAll()
    for (const l of [...this.listeners]) l.closed()
    this.listeners.clear()
  }

  /** Promotion: continue numbering after the highest id received. */
  becomeSource(): void {
    this.mode = 'source'
  }
}
