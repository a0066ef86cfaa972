// The primary's end of a replicating subscription (ha.md §6.5-6.6): browses every message of the
// queue, acquired ones included, skipping ids the backup already holds; then follows enqueues
// and dequeues in order. Does not count as a consumer. Ready once every message that predates
// the guard has been acknowledged (later ones are held by the guard and need no waiting).
import { DELETED, type QueuedMessage } from '../nodes/message.js'
import { type BatchRecord, encodeBatch } from './batch.js'
import type { Guard } from './guards.js'
import type { HaQueue, QueueListener } from './ha-queue.js'
import { batchTag, FLOW_PROPERTY, tagBatch } from './protocol.js'

type RheaSender = any

type Item = { m: QueuedMessage; id: number } | { de: number[] }

/** Limits of one batch transfer. */
const BATCH_BYTES = 256 * 1024
const BATCH_RECORDS = 2000

export class QueueStream implements QueueListener {
  private readonly out: Item[] = []
  private head = 0
  private pendingDe: number[] = []
  /** Ids of messages that predate the guard, sent and not yet acknowledged. */
  private readonly awaiting = new Set<number>()
  private sends = 0
  private readonly baseCount: number
  private batchSeq = 0
  /** Message ids of each batch sent and not yet acknowledged. */
  private readonly inFlight = new Map<number, number[]>()
  /** Messages sent and not yet acknowledged, and the backup's limit for them (0 = none). */
  private unacked = 0
  private readonly window: number
  private flushScheduled = false
  private started = false
  private ended = false
  ready = false

  constructor(
    private readonly hq: HaQueue,
    private readonly sender: RheaSender,
    private readonly guard: Guard,
    private readonly onReady: (s: QueueStream) => void,
  ) {
    this.baseCount = sender.delivery_count
    const w = Number(sender.remote?.attach?.properties?.[FLOW_PROPERTY] ?? 0)
    this.window = Number.isSafeInteger(w) && w > 0 ? w : 0
    sender.on('sendable', () => this.scheduleFlush())
    sender.on('accepted', (ctx: any) => this.acknowledged(ctx.delivery))
    sender.on('released', (ctx: any) => ctx.delivery.update(true))
    sender.on('rejected', (ctx: any) => ctx.delivery.update(true))
    sender.on('modified', (ctx: any) => ctx.delivery.update(true))
    sender.on('settled', () => {})
  }

  get queueName(): string {
    return this.hq.queue.name
  }

  /** Sends the initial difference: dequeues for ids the primary no longer has, then the rest. */
  start(backupHas: Set<number>): void {
    const gone = [...backupHas].filter((id) => !this.hq.byId.has(id))
    if (gone.length) this.push({ de: gone })
    for (const m of this.hq.queue.allMessages()) {
      const id = this.hq.idOf.get(m)
      if (id === undefined) continue
      if (backupHas.has(id)) {
        // already safe on the backup
        this.hq.guards.release(this.guard, id)
        continue
      }
      if (id < this.guard.firstId) this.awaiting.add(id)
      this.push({ m, id })
    }
    this.started = true
    this.hq.listeners.add(this)
    this.flush()
    this.checkReady()
  }

  enqueued(m: QueuedMessage, id: number): void {
    this.push({ m, id })
    this.scheduleFlush()
  }

  dequeued(id: number): void {
    if (this.awaiting.delete(id)) this.checkReady()
    this.pendingDe.push(id)
    this.scheduleFlush()
  }

  closed(): void {
    this.end()
    try {
      this.sender.close({ condition: 'amqp:resource-deleted', description: `Queue deleted: ${this.queueName}` })
    } catch {
      // connection already gone
    }
  }

  /** The link or the backup went away. */
  end(): void {
    this.ended = true
    this.hq.listeners.delete(this)
    this.out.length = 0
    this.head = 0
  }

  private push(item: Item): void {
    this.out.push(item)
  }

  private canSend(): boolean {
    if (this.window > 0 && this.unacked >= this.window) return false
    const pending = this.sends - (this.sender.delivery_count - this.baseCount)
    return this.sender.credit - pending > 0
  }

  /** Everything that happens in one event-loop turn goes out together, in order. */
  private scheduleFlush(): void {
    if (this.flushScheduled || this.ended) return
    this.flushScheduled = true
    setImmediate(() => {
      this.flushScheduled = false
      this.flush()
    })
  }

  private flush(): void {
    if (this.ended) return
    if (this.pendingDe.length > 0) {
      this.push({ de: this.pendingDe })
      this.pendingDe = []
    }
    while (this.head < this.out.length && this.canSend()) {
      const records: BatchRecord[] = []
      const ids: number[] = []
      let bytes = 0
      const room = this.window > 0 ? this.window - this.unacked : BATCH_RECORDS
      while (
        this.head < this.out.length &&
        bytes < BATCH_BYTES &&
        records.length < BATCH_RECORDS &&
        ids.length < room
      ) {
        const item = this.out[this.head++]
        if ('de' in item) {
          records.push({ dequeued: item.de })
          bytes += 6 * item.de.length
        } else if (item.m.state === DELETED) {
          // consumed before we got to it: nothing to copy (its dequeue is announced anyway and the
          // backup ignores ids it does not hold)
          if (this.awaiting.delete(item.id)) this.checkReady()
        } else {
          const expiresAt = item.m.expiresAt
          records.push(
            expiresAt
              ? { id: item.id, bytes: item.m.bytes, ttl: expiresAt - Date.now() }
              : { id: item.id, bytes: item.m.bytes },
          )
          ids.push(item.id)
          bytes += item.m.size
        }
      }
      if (records.length === 0) continue
      const n = ++this.batchSeq
      this.inFlight.set(n, ids)
      this.unacked += ids.length
      this.sends++
      this.sender.send(encodeBatch(records), batchTag(n), 0)
    }
    if (this.head === this.out.length) {
      this.out.length = 0
      this.head = 0
    } else if (this.head > 4096 && this.head * 2 > this.out.length) {
      this.out.splice(0, this.head)
      this.head = 0
    }
  }

  private acknowledged(delivery: any): void {
    if (!delivery.settled) delivery.update(true)
    const n = tagBatch(delivery.tag)
    const ids = n === undefined ? undefined : this.inFlight.get(n)
    if (!ids) return
    this.inFlight.delete(n as number)
    this.unacked -= ids.length
    if (this.window > 0) this.scheduleFlush()
    let awaited = false
    for (const id of ids) {
      this.hq.guards.release(this.guard, id)
      if (this.awaiting.delete(id)) awaited = true
    }
    if (awaited) this.checkReady()
  }

  private checkReady(): void {
    if (this.ready || !this.started || this.awaiting.size > 0) return
    // Everything before the guard is on the backup; the rest is protected by the guard.
    this.ready = true
    this.onReady(this)
  }
}
