// An outgoing AMQP link attached to a queue (a subscription). Tracks its unsettled deliveries so
// they go back to the queue, in their original order, when the consumer goes away.

import { withDeliveryCount } from '../message/codec.js'
import type { QueuedMessage } from '../nodes/message.js'
import type { Consumer, Queue } from '../nodes/queue.js'

/** The connection counters a consumer updates and the session it belongs to (connection-info.ts). */
export interface ConsumerConnection {
  msgsToClient: number
  framesToClient: number
  updatedAt: number
}
export interface ConsumerSession {
  readonly name: string
}

/** The parts of rhea's Sender this module uses. */
export interface RheaSender {
  name: string
  credit: number
  delivery_count: number
  session: { outgoing: { available(): number } }
  local: { attach: { snd_settle_mode?: number } }
  send(data: Buffer, tag: Buffer | undefined, format: number): RheaDelivery
  set_drained(drained: boolean): void
}

export interface RheaDelivery {
  update(settled: boolean, state?: unknown): void
  settled?: boolean
  /** Ours: the queue entry carried by this delivery (undefined for settled sends). */
  qm?: QueuedMessage
}

export class OutgoingConsumer implements Consumer {
  cursor: number[]
  delivered = 0
  readonly unacked = new Set<QueuedMessage>()
  readonly createdAt = Date.now()
  private sends = 0
  private baseCount: number
  private closed = false
  private waitingForRoom = false
  private readonly settledMode: boolean

  constructor(
    readonly sender: RheaSender,
    readonly queue: Queue,
    readonly browsing: boolean,
    readonly connection: ConsumerConnection,
    readonly session: ConsumerSession,
    readonly exclusive: boolean,
  ) {
    this.cursor = queue.newCursor()
    this.baseCount = sender.delivery_count
    this.settledMode = sender.local.attach.snd_settle_mode === 1
  }

  get name(): string {
    return this.sender.name
  }
  /** Deliveries need the client's outcome (not sent pre-settled, not browsing). */
  get acknowledged(): boolean {
    return !this.settledMode && !this.browsing
  }
  get unackedCount(): number {
    return this.unacked.size
  }

  /** Link credit the client granted and the broker has not used yet (QMF session clientCredit). */
  get remainingCredit(): number {
    const pending = this.sends - (this.sender.delivery_count - this.baseCount)
    return Math.max(0, this.sender.credit - pending)
  }

  /**
   * rhea only counts credit down when it writes the transfer (next tick), so deliveries handed to
   * rhea but not written yet are subtracted here to never exceed the client's credit.
   */
  canSend(): boolean {
    if (this.closed) return false
    const pending = this.sends - (this.sender.delivery_count - this.baseCount)
    if (this.sender.credit - pending <= 0) return false
    // and never more unsettled deliveries than rhea's session buffer holds
    if (this.sender.session.outgoing.available() > 0) return true
    this.waitingForRoom = true
    return false
  }

  /**
   * The client asked to drain: after sending what the queue has, the remaining credit is given
   * back (rhea advances delivery-count by it and answers with drain=true, as qpidd does).
   */
  drain(): void {
    const pending = this.sends - (this.sender.delivery_count - this.baseCount)
    const left = this.sender.credit - pending
    if (left <= 0 || this.closed) return
    // rhea will count these as sent; keep canSend()'s arithmetic in step
    this.baseCount += left
    this.sender.set_drained(true)
  }

  /**
   * Settlements free room in rhea's session buffer but produce no `sendable` event; a consumer that
   * stopped for room resumes once rhea has dropped the settled deliveries (after this tick).
   */
  settledSome(): void {
    if (!this.waitingForRoom) return
    this.waitingForRoom = false
    setImmediate(() => this.queue.dispatch())
  }

  send(m: QueuedMessage, q: Queue): void {
    this.sends++
    this.delivered++
    const c = this.connection
    c.msgsToClient++
    c.framesToClient++
    c.updatedAt = Date.now()
    // a redelivered message carries its delivery-count in the header, as qpidd sends it
    const d = this.sender.send(
      m.deliveryCount > 0 ? withDeliveryCount(m.bytes, m.deliveryCount) : m.bytes,
      undefined,
      0,
    )
    if (this.browsing) return
    if (this.settledMode) {
      q.dequeue(m, 'consumed')
      return
    }
    d.qm = m
    this.unacked.add(m)
  }

  /** Applies a consumer's outcome to the entry a delivery carried. */
  outcome(d: RheaDelivery, kind: 'accepted' | 'released' | 'rejected' | 'modified', failed = false): void {
    const m = d.qm
    if (!m) return
    d.qm = undefined
    if (!this.unacked.delete(m)) return
    if (kind === 'accepted') this.queue.dequeue(m, 'consumed')
    else if (kind === 'rejected') this.queue.reject(m)
    else this.queue.release(m, kind === 'released' || failed)
  }

  /** The link or connection went away: unsettled messages become available again, in order. */
  close(): void {
    if (this.closed) return
    this.closed = true
    const pending = [...this.unacked].sort((a, b) => a.position - b.position)
    this.unacked.clear()
    this.queue.removeConsumer(this)
    for (const m of pending) this.queue.release(m)
  }
}
