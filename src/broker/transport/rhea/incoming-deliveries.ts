// Performance: rhea's Incoming.on_transfer builds every delivery as an object literal with its own
// update/accept/release/reject/modified functions (five closures per message). This is the same code
// with those functions on a shared prototype: same fields, same behaviour.
import type { Members } from './internals.js'
import { expectFunction, type RheaPatch } from './patch.js'

type Incoming = {
  next_transfer_id: number
  next_delivery_id?: number
  deliveries: { push(d: unknown): void }
  update(d: unknown, settled: boolean, state?: unknown): void
}
type Receiver = {
  is_remote_open(): boolean
  _incomplete?: InDelivery
  credit: number
  delivery_count: number
  local: { attach: { rcv_settle_mode?: number } }
  dispatch(name: string, ctx: unknown): boolean
  _context(c: unknown): unknown
}
type Frame = {
  payload?: Buffer
  performative: {
    delivery_id?: number
    delivery_tag: Buffer
    message_format?: number
    settled?: boolean
    state?: unknown
    more?: boolean
  }
}

/** rhea's message module: outcomes for the delivery methods, decode for complete messages. */
let message: Members

class InDelivery {
  settled = false
  state: unknown = undefined
  incomplete = false
  frames?: Buffer[]
  constructor(
    readonly id: number,
    readonly tag: Buffer,
    readonly format: number | undefined,
    readonly link: Receiver,
    readonly remote_settled: boolean,
    readonly remote_state: unknown,
    private readonly incoming: Incoming,
    first?: Buffer,
  ) {
    this.frames = first === undefined ? [] : [first]
  }
  update(settled: boolean | undefined, state?: unknown): void {
    const s = settled === undefined ? this.link.local.attach.rcv_settle_mode !== 1 : settled
    this.incoming.update(this, s, state)
  }
  accept(): void {
    this.update(undefined, message.accepted().described())
  }
  release(params?: unknown): void {
    this.update(undefined, (params ? message.modified(params) : message.released()).described())
  }
  reject(error: unknown): void {
    this.update(undefined, message.rejected({ error }).described())
  }
  modified(params: unknown): void {
    this.update(undefined, message.modified(params).described())
  }
}

function onTransfer(this: Incoming, frame: Frame, receiver: Receiver): void {
  this.next_transfer_id++
  if (!receiver.is_remote_open()) throw Error('transfer after detach')
  const p = frame.performative
  if (this.next_delivery_id === undefined) this.next_delivery_id = p.delivery_id
  let current: InDelivery
  if (receiver._incomplete) {
    current = receiver._incomplete
    if (p.delivery_id !== undefined && p.delivery_id !== null && current.id !== p.delivery_id)
      throw Error(`frame sequence error: delivery ${current.id} not complete, got ${p.delivery_id}`)
    if (frame.payload) current.frames?.push(frame.payload)
  } else if (this.next_delivery_id === p.delivery_id) {
    current = new InDelivery(
      p.delivery_id as number,
      p.delivery_tag,
      p.message_format,
      receiver,
      p.settled === undefined ? false : !!p.settled,
      p.state,
      this,
      frame.payload,
    )
    this.deliveries.push(current)
    this.next_delivery_id = (this.next_delivery_id as number) + 1
  } else {
    throw Error(`frame sequence error: expected ${this.next_delivery_id}, got ${p.delivery_id}`)
  }
  current.incomplete = !!p.more
  if (current.incomplete) {
    receiver._incomplete = current
    return
  }
  receiver._incomplete = undefined
  const parts = current.frames as Buffer[]
  const data = parts.length === 1 ? parts[0] : Buffer.concat(parts)
  current.frames = undefined
  if (receiver.credit > 0) receiver.credit--
  receiver.delivery_count++
  const ctx =
    current.format === 0
      ? { message: message.decode(data), delivery: current }
      : { message: data, delivery: current, format: current.format }
  receiver.dispatch('message', receiver._context(ctx))
}

export const incomingDeliveries: RheaPatch = {
  name: 'incoming deliveries',
  check: (r) => [
    ...expectFunction(r.incoming, 'Incoming', 'on_transfer', { arity: 2, fragment: 'receiver._incomplete' }),
    ...expectFunction(r.incoming, 'Incoming', 'update', { arity: 3 }),
    ...['accepted', 'released', 'rejected', 'modified', 'decode'].flatMap((k) =>
      expectFunction(r.message, 'message', k),
    ),
  ],
  install(r) {
    message = r.message
    r.incoming.on_transfer = onTransfer
  },
}
