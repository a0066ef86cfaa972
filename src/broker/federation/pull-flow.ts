// The message flow of an ordinary (pull) bridge: a receiver on the link's connection takes
// messages from the remote source and routes them into the local destination exchange.
// * queue route: the receiver consumes the remote queue itself;
// * exchange route: the receiver's dynamic source is a temporary queue on the remote broker, which
//   the bridge binds to the remote exchange with the route's key, or for a dynamic route with every
//   key bound on the local exchange, following local binds and unbinds while the bridge runs.
import type { Connection, Receiver } from 'rhea'
import type { Broker } from '../broker.js'
import type { InboundMessage } from '../nodes/message.js'
import { type BridgeConfig, type BridgeFlow, creditWindow } from './bridge-config.js'
import { deliverLocally, type RemoteDelivery } from './deliver-local.js'
import { DynamicInterest } from './dynamic-interest.js'
import type { RemoteBroker } from './remote-broker.js'

export class PullFlow implements BridgeFlow {
  private receiver?: Receiver
  private interest?: DynamicInterest

  constructor(
    private readonly broker: Broker,
    private readonly cfg: BridgeConfig,
  ) {}

  get active(): boolean {
    return this.receiver !== undefined
  }

  start(conn: Connection, remote: RemoteBroker): void {
    if (this.receiver) return
    const source = this.cfg.srcIsQueue ? { address: this.cfg.src } : { dynamic: true }
    const receiver = conn.open_receiver({
      source: source as never,
      autoaccept: false,
      credit_window: creditWindow(this.cfg.credit),
    })
    this.receiver = receiver
    receiver.on('message', (ctx) => {
      deliverLocally(
        this.broker,
        this.cfg.dest,
        ctx.message as unknown as InboundMessage,
        ctx.delivery as unknown as RemoteDelivery,
      )
    })
    receiver.on('receiver_error', (ctx) => {
      const e = ctx.receiver?.error as { description?: string } | undefined
      this.broker.log.warning(
        'Broker',
        `Bridge ${this.cfg.name}: remote refused ${this.cfg.src}: ${e?.description ?? 'error'}`,
      )
    })
    receiver.on('receiver_close', () => this.detached(receiver))
    if (!this.cfg.srcIsQueue) receiver.once('receiver_open', () => this.bindSource(receiver, remote))
  }

  /** The bridge is gone for good; its remote queue goes with the receiver. */
  close(): void {
    this.stop()
  }

  /** The link's connection is gone (or the bridge closes): forget the receiver. */
  stop(): void {
    const receiver = this.receiver
    this.detached(receiver)
    try {
      receiver?.close()
    } catch {
      // the connection may already be closed
    }
  }

  private detached(receiver: Receiver | undefined): void {
    if (!receiver || receiver !== this.receiver) return
    this.receiver = undefined
    this.interest?.close()
    this.interest = undefined
  }

  private bindSource(receiver: Receiver, remote: RemoteBroker): void {
    const queue = receiver.source.address
    const bind = (key: string, op: 'create' | 'delete') => {
      const name = `${this.cfg.src}/${queue}/${key}`
      const args =
        op === 'create'
          ? { type: 'binding', name, properties: {}, strict: true }
          : { type: 'binding', name, options: {} }
      remote.call(op, args).catch((e: Error) => {
        this.broker.log.warning('Broker', `Bridge ${this.cfg.name}: ${op} binding ${name} failed: ${e.message}`)
      })
    }
    if (!this.cfg.dynamic) {
      bind(this.cfg.key, 'create')
      return
    }
    this.interest = new DynamicInterest(this.broker, this.cfg.dest, {
      keyAdded: (key) => bind(key, 'create'),
      keyRemoved: (key) => bind(key, 'delete'),
    })
    for (const key of this.interest.keys()) bind(key, 'create')
  }
}
