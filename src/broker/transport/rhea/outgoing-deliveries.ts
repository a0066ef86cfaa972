// Performance: rhea's Outgoing.send gives every delivery its own update() closure, and
// Sender.next_tag() builds a String object per tag. Same fields and behaviour, with update() on a
// shared prototype and tags written straight from numbers.
import { expectFunction, type RheaPatch } from './patch.js'

type Outgoing = {
  next_delivery_id: number
  deliveries: { push(d: unknown): void }
  compute_max_payload(tag: Buffer): number | undefined
  update(d: unknown, settled: boolean, state?: unknown): void
}

class OutDelivery {
  next_to_send = 0
  sent = false
  settled = false
  state: unknown = undefined
  remote_settled = false
  remote_state: unknown = undefined
  constructor(
    readonly id: number,
    readonly tag: Buffer,
    readonly link: unknown,
    readonly data: Buffer[],
    readonly format: number,
    private readonly outgoing: Outgoing,
  ) {}
  update(settled: boolean, state?: unknown): void {
    this.outgoing.update(this, settled, state)
  }
}

function send(this: Outgoing, sender: unknown, tag: Buffer, data: Buffer, format?: number): OutDelivery {
  const max = this.compute_max_payload(tag)
  let fragments: Buffer[]
  if (max && data.length > max) {
    fragments = []
    for (let start = 0; start < data.length; start += max)
      fragments.push(data.subarray(start, Math.min(start + max, data.length)))
  } else fragments = [data]
  const d = new OutDelivery(this.next_delivery_id++, tag, sender, fragments, format ? format : 0, this)
  this.deliveries.push(d)
  return d
}

export const outgoingDeliveries: RheaPatch = {
  name: 'outgoing deliveries',
  check: (r) => [
    ...expectFunction(r.outgoing, 'Outgoing', 'send', { arity: 4, fragment: 'd.update = function' }),
    ...expectFunction(r.outgoing, 'Outgoing', 'compute_max_payload', { arity: 1 }),
    ...expectFunction(r.outgoing, 'Outgoing', 'update', { arity: 3 }),
    ...expectFunction(r.sender, 'Sender', 'next_tag', { fragment: 'this.tag++' }),
  ],
  install(r) {
    r.outgoing.send = send
    r.sender.next_tag = function (this: { tag: number }) {
      return Buffer.from(String(this.tag++), 'latin1')
    }
  },
}
