// The backup's end of a replicating subscription: copies the source queue's messages under their
// replication ids and applies dequeue events, acknowledging each transfer once applied (which
// releases the primary's guard). Subscribes with the ids it already holds, so after a failover
// only the difference is transferred (ha.md §6.6).
import type { Broker } from '../broker.js'
import { scanMessage } from '../message/codec.js'
import type { InboundMessage } from '../nodes/message.js'
import { batchPayload, decodeBatch } from './batch.js'
import type { HaQueue, QueueListener } from './ha-queue.js'
import { toRanges } from './id-set.js'
import { FLOW_PROPERTY, IDS_PROPERTY, QUEUE_PREFIX, tagBatch } from './protocol.js'

type RheaConnection = any
type RheaReceiver = any

export class QueueReplicator implements QueueListener {
  private receiver?: RheaReceiver

  constructor(
    private readonly broker: Broker,
    readonly hq: HaQueue,
    /** Most messages unacknowledged at a time (--ha-flow-messages); 0 = unlimited. */
    private readonly flowMessages: number,
  ) {}

  subscribe(conn: RheaConnection): void {
    const held = JSON.stringify(toRanges(this.hq.byId.keys()))
    this.receiver = conn.open_receiver({
      source: { address: `${QUEUE_PREFIX}${this.hq.queue.name}` },
      autoaccept: false,
      // credit counts batch transfers; the message window travels as a property
      credit_window: 1000,
      properties: { [IDS_PROPERTY]: held, [FLOW_PROPERTY]: this.flowMessages },
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
    const payload = tagBatch(delivery.tag) === undefined ? undefined : batchPayload(msg.bytes, msg.bodyOffset)
    if (!payload) {
      delivery.accept()
      return
    }
    const q = this.hq.queue
    let persisted = false
    for (const r of decodeBatch(payload)) {
      if ('dequeued' in r) {
        for (const id of r.dequeued) {
          const m = this.hq.byId.get(id)
          if (m) q.dequeue(m, 'consumed')
        }
        continue
      }
      if (this.hq.byId.has(r.id) || q.deleted) continue
      let info: InboundMessage
      try {
        info = scanMessage(r.bytes)
      } catch {
        continue
      }
      const entry = q.entryFor(r.bytes, info.durable, info.priority, info.applicationProperties)
      // the primary's expiry, as the time it had left (the header TTL would restart the count)
      if (r.ttl !== undefined) entry.expiresAt = Date.now() + r.ttl
      q.enqueue(entry)
      this.hq.record(entry, r.id)
      if (entry.persistenceId) persisted = true
    }
    if (persisted) this.broker.store.sync(() => delivery.accept())
    else delivery.accept()
  }
}
