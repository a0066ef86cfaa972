// The message flow of a push bridge (`qpid-route -s`): the bridge lives on the source broker and
// sends to the destination exchange on the link's remote broker. A queue route consumes the local
// queue; an exchange route consumes a local bridge queue bound to the source exchange with the key,
// kept for the bridge's lifetime so messages wait there while the link is down. A local message is
// dequeued only when the remote broker accepted it.
import { randomUUID } from 'node:crypto'
import type { Connection, EventContext, Sender } from 'rhea'
import type { Broker } from '../broker.js'
import type { QueuedMessage } from '../nodes/message.js'
import type { Consumer, Queue } from '../nodes/queue.js'
import { type BridgeConfig, type BridgeFlow, creditWindow } from './bridge-config.js'
import { BRIDGE_CONTAINER_PREFIX } from './bridge-naming.js'

type Delivery = EventContext['delivery'] & { bridged?: QueuedMessage }

class RemoteConsumer implements Consumer {
  readonly browsing = false
  cursor: number[]
  readonly inflight = new Set<QueuedMessage>()

  constructor(
    readonly queue: Queue,
    readonly sender: Sender,
    private readonly window: number,
  ) {
    this.cursor = queue.newCursor()
  }

  canSend(): boolean {
    return this.inflight.size < this.window && this.sender.sendable()
  }

  send(m: QueuedMessage): void {
    const d = (this.sender as unknown as { send(b: Buffer, t: undefined, f: number): Delivery }).send(
      m.bytes,
      undefined,
      0,
    )
    d.bridged = m
    this.inflight.add(m)
  }

  settled(d: Delivery, outcome: 'accepted' | 'released' | 'rejected'): void {
    const m = d?.bridged
    if (!m || !this.inflight.delete(m)) return
    if (outcome === 'accepted') this.queue.dequeue(m, 'consumed')
    else if (outcome === 'rejected') this.queue.reject(m)
    else this.queue.release(m)
  }

  /** Unsettled messages go back to the queue, in order. */
  detach(): void {
    this.queue.removeConsumer(this)
    const pending = [...this.inflight].sort((a, b) => a.position - b.position)
    this.inflight.clear()
    for (const m of pending) this.queue.release(m, false)
  }
}

export class PushFlow implements BridgeFlow {
  private consumer?: RemoteConsumer
  private bridgeQueue?: Queue

  constructor(
    private readonly broker: Broker,
    private readonly cfg: BridgeConfig,
  ) {}

  get active(): boolean {
    return this.consumer !== undefined
  }

  start(conn: Connection): void {
    if (this.consumer) return
    const queue = this.sourceQueue()
    if (!queue) {
      this.broker.log.warning('Broker', `Bridge ${this.cfg.name}: no local source ${this.cfg.src}`)
      return
    }
    const sender = conn.open_sender({ target: { address: this.cfg.dest }, autosettle: true })
    const consumer = new RemoteConsumer(queue, sender, creditWindow(this.cfg.credit))
    this.consumer = consumer
    sender.on('accepted', (ctx) => consumer.settled(ctx.delivery as Delivery, 'accepted'))
    sender.on('released', (ctx) => consumer.settled(ctx.delivery as Delivery, 'released'))
    sender.on('modified', (ctx) => consumer.settled(ctx.delivery as Delivery, 'released'))
    sender.on('rejected', (ctx) => consumer.settled(ctx.delivery as Delivery, 'rejected'))
    sender.on('sendable', () => queue.dispatch())
    sender.on('sender_error', (ctx) => {
      const e = ctx.sender?.error as { description?: string } | undefined
      this.broker.log.warning(
        'Broker',
        `Bridge ${this.cfg.name}: remote refused ${this.cfg.dest}: ${e?.description ?? 'error'}`,
      )
    })
    sender.on('sender_close', () => this.detached(consumer))
    sender.once('sender_open', () => queue.addConsumer(consumer))
  }

  stop(): void {
    const consumer = this.consumer
    if (!consumer) return
    this.detached(consumer)
    try {
      consumer.sender.close()
    } catch {
      // the connection may already be closed
    }
  }

  /** The bridge is gone for good: its own bridge queue goes too. */
  close(): void {
    this.stop()
    if (this.bridgeQueue) this.broker.destroyQueue(this.bridgeQueue)
    this.bridgeQueue = undefined
  }

  private detached(consumer: RemoteConsumer): void {
    if (this.consumer !== consumer) return
    this.consumer = undefined
    consumer.detach()
  }

  private sourceQueue(): Queue | undefined {
    if (this.cfg.srcIsQueue) return this.broker.queues.get(this.cfg.src)
    if (this.bridgeQueue && !this.bridgeQueue.deleted) return this.bridgeQueue
    if (!this.broker.exchanges.has(this.cfg.src)) return undefined
    const name = `${BRIDGE_CONTAINER_PREFIX}${randomUUID()}`
    const queue = this.broker.declareQueue(name, {}).queue
    this.broker.bind(this.cfg.src, name, this.cfg.key)
    this.bridgeQueue = queue
    return queue
  }
}
