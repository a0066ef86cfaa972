// The backup's end of a replicating subscription: copies the source queue's messages under their
// replication ids and applies dequeue events, acknowledging each transfer once applied (which
// releases the primary's guard). Subscribes with the ids it already holds, so after a failover
// only the difference is transferred (ha.md §6.6).
import type { Broker } from '../broker.js'
import type { InboundMessage } from '../nodes/message.js'
import { decodeFull } from '../transport/message-codec.js'
import type { HaQueue, QueueListener } from './ha-queue.js'
import { toRanges } from './id-set.js'
import { IDS_PROPERTY, QUEUE_PREFIX, tagId } from './protocol.js'

type RheaConnection = any
type RheaReceiver = any

export class QueueReplicator implements QueueListener {
  private receiver?: RheaReceiver

  constructor(
    private readonly broker: Broker,
    readonly hq: HaQueue,
    /** Credit window; 0 = unlimited (a large window). */
    private readonly flowMessages: number,
  ) {}

  subscribe(conn: RheaConnection): void {
    const held = JSON.stringify(toRanges(this.hq.byId.keys()))
    this.receiver = conn.open_receiver({
      source: { address: `${QUEUE_PREFIX}${this.hq.queue.name}` },
      autoaccept: false,
      credit_window: this.flowMessages > 0 ? this.flowMessages : 100000,
      properties: { [IDS_PROPERTY]: held },
    })
    this.receiver.on('message', (ctx: any) => this.transfer(ctx.message as InboundMessage, ctx.delivery))
    this.receiver.on('receiver_error', () => {})
    this.receiver.on('receiver_close', () => {})
    this.hq.listeners.add(this)
  }

  stop(): void {
    this.hq.listeners.delete(this)
    try {
      this.receiver?.close()
    } catch {
      // connection already gone
    }
    this.receiver = undefined
  }

  enqueued(): void {}
  dequeued(): void {}
  closed(): void {
    this.stop()
  }

  private transfer(msg: InboundMessage, delivery: any): void {
    const q = this.hq.queue
    const id = tagId(delivery.tag)
    if (id === undefined) {
      const ids = decodeFull(msg.bytes).body
      for (const x of parseIds(ids)) {
        const m = this.hq.byId.get(x)
        if (m) q.dequeue(m, 'consumed')
      }
      delivery.accept()
      return
    }
    if (this.hq.byId.has(id) || q.deleted) {
      delivery.accept()
      return
    }
    const entry = q.entryFor(msg.bytes, msg.durable, msg.priority, msg.applicationProperties)
    q.enqueue(entry)
    this.hq.record(entry, id)
    if (entry.persistenceId) this.broker.store.sync(() => delivery.accept())
    else delivery.accept()
  }
}

function parseIds(v: unknown): number[] {
  try {
    const ids = typeof v === 'string' ? JSON.parse(v) : v
    return Array.isArray(ids) ? ids.filter((x) => Number.isSafeInteger(x)) : []
  } catch {
    return []
  }
}
