// A fix for rhea 3.0.5's disposition batching. Its write_dispositions() merges a delivery into the
// previous range when that range holds a single delivery, without comparing outcomes: an accepted
// message followed by a rejected one (e.g. over a queue limit) in the same tick is reported to the
// sender as two accepts, so the sender believes a refused message was stored. The function is private
// to rhea's session.js; we replace the two process() methods that call it, on the prototypes of the
// session's incoming/outgoing halves, with versions that write correct ranges first.
import { createRequire } from 'node:module'
import { writeTransfer } from './fast-frames.js'

const require = createRequire(import.meta.url)
const frames = require('rhea/lib/frames.js') as {
  disposition(f: Record<string, unknown>): unknown
  amqp_frame(channel?: number, performative?: unknown, payload?: unknown): unknown
}

interface Disp {
  id: number
  settled: boolean
  state?: { descriptor?: { value: unknown } }
  link: { is_receiver(): boolean; session: { output(f: unknown): void } }
}

const ACCEPTED = 0x24

function sameOutcome(a: Disp, b: Disp): boolean {
  if (a.settled !== b.settled) return false
  if (a.state === undefined && b.state === undefined) return true
  return a.state?.descriptor?.value === ACCEPTED && b.state?.descriptor?.value === ACCEPTED
}

export function writeDispositions(deliveries: Disp[]): void {
  let first: Disp | undefined
  let last: Disp | undefined
  const flush = () => {
    if (!first || !last) return
    first.link.session.output(
      frames.disposition({
        role: first.link.is_receiver(),
        first: first.id,
        last: last.id,
        state: first.state,
        settled: first.settled,
      }),
    )
  }
  for (const d of deliveries) {
    if (first && last && d.id === last.id + 1 && d.link.session === last.link.session && sameOutcome(first, d)) {
      last = d
      continue
    }
    flush()
    first = d
    last = d
  }
  flush()
}

const patched = new WeakSet<object>()

/** Patches the prototypes behind a rhea session (once per prototype). */
export function patchSession(session: { incoming: object; outgoing: object }): void {
  const inProto = Object.getPrototypeOf(session.incoming) as { process(s: unknown): void }
  if (!patched.has(inProto)) {
    patched.add(inProto)
    const original = inProto.process
    inProto.process = function (this: { updated: Disp[] }, s: unknown) {
      if (this.updated.length > 0) {
        writeDispositions(this.updated)
        this.updated = []
      }
      original.call(this, s)
    }
  }
  const outProto = Object.getPrototypeOf(session.outgoing) as { process(): void }
  if (!patched.has(outProto)) {
    patched.add(outProto)
    const original = outProto.process
    // pending dispositions are written after the transfers in the original; keep that order by
    // letting it run with an empty list and writing ours afterwards
    outProto.process = function (this: { pending_dispositions: Disp[] }) {
      const pending = this.pending_dispositions
      this.pending_dispositions = []
      original.call(this)
      if (pending.length > 0) writeDispositions(pending)
    }
  }
}

// rhea keys a session's links by name alone, but AMQP link names are unique per direction: a client
// may attach a sender and a receiver with the same name (Proton's BlockingConnection does this for
// `create_sender("q")` + `create_receiver("q")`). rhea then treats the second attach as a duplicate
// ("Attach already received") and drops the connection. We give the second link its own key.
interface RheaLink {
  name: string
  is_sender(): boolean
  on_attach(frame: unknown): void
  remote: { attach?: unknown }
}
interface RheaSession {
  links: Record<string, RheaLink>
  remote: { handles: Record<number, RheaLink> }
  create_sender(name: string): RheaLink
  create_receiver(name: string): RheaLink
}

let sessionPatched = false

export function patchLinkNames(): void {
  if (sessionPatched) return
  sessionPatched = true
  const Session = require('rhea/lib/session.js') as { prototype: Record<string, unknown> }
  const proto = Session.prototype as unknown as {
    on_attach(this: RheaSession, frame: { performative: { name: string; role: boolean; handle: number } }): void
    remove_link(this: RheaSession, link: RheaLink): void
  }
  const originalAttach = proto.on_attach
  proto.on_attach = function (frame) {
    const { name, role, handle } = frame.performative
    const existing = this.links[name]
    // peer role true = peer receives = we send
    if (!existing || existing.is_sender() === !!role) {
      originalAttach.call(this, frame)
      return
    }
    const link = role ? this.create_sender(name) : this.create_receiver(name)
    this.links[name] = existing
    this.links[`${name}\u0000${role ? 'out' : 'in'}`] = link
    this.remote.handles[handle] = link
    link.on_attach(frame)
    link.remote.attach = frame.performative
  }
  // same as rhea's, but removes the link under whichever key it was stored
  proto.remove_link = function (link) {
    const l = link as RheaLink & { remote: { handle: number }; local: { handle: number } }
    const self = this as RheaSession & { local: { handles: Record<number, RheaLink> } }
    delete self.remote.handles[l.remote.handle]
    delete self.local.handles[l.local.handle]
    for (const k of Object.keys(self.links)) if (self.links[k] === link) delete self.links[k]
  }
}

// Output batching. rhea writes every frame with its own socket.write() as soon as it is produced
// (one syscall per transfer), which dominated the broker's CPU profile. Frames produced in one tick
// are now written together: _write_frame only queues and schedules one output per tick, and output()
// corks the socket so the queued frames leave in a single writev.
let outputPatched = false

export function patchOutputBatching(): void {
  if (outputPatched) return
  outputPatched = true
  const Connection = require('rhea/lib/connection.js') as { prototype: Record<string, unknown> }
  const proto = Connection.prototype as unknown as {
    _write_frame(this: BatchedConnection, channel?: number, frame?: unknown, payload?: unknown): void
    output(this: BatchedConnection): void
  }
  const originalOutput = proto.output
  proto.output = function () {
    const socket = this.socket
    if (!socket || typeof socket.cork !== 'function') {
      originalOutput.call(this)
      return
    }
    socket.cork()
    try {
      originalOutput.call(this)
    } finally {
      socket.uncork()
    }
  }
  proto._write_frame = function (channel, frame, payload) {
    this.amqp_transport.encode(frames.amqp_frame(channel, frame, payload))
    if (this.outputScheduled) return
    this.outputScheduled = true
    process.nextTick(() => {
      this.outputScheduled = false
      this.output()
    })
  }
}

interface BatchedConnection {
  socket?: { cork(): void; uncork(): void }
  amqp_transport: { encode(frame: unknown): void }
  outputScheduled?: boolean
  output(): void
}

// Frame encoding without a fresh 1 KiB buffer per frame: rhea's write_frame() starts a new Writer
// (1024-byte allocation) for every frame and hands out a slice of it, which kept the garbage
// collector busy on the hot path. The same logic runs here on one reusable scratch writer and the
// result is copied into an exactly-sized (pooled) buffer.
let encodePatched = false

export function patchFrameEncoding(): void {
  if (encodePatched) return
  encodePatched = true
  const types = require('rhea/lib/types.js') as {
    Writer: new (b?: Buffer) => ScratchWriter
  }
  const f = frames as unknown as {
    write_frame(frame: RawFrame): Buffer
    TYPE_AMQP: number
    TYPE_SASL: number
  }
  const original = f.write_frame
  const SCRATCH = 64 * 1024
  let w = new types.Writer(Buffer.allocUnsafe(SCRATCH))
  f.write_frame = (frame: RawFrame) => {
    if (frame.type !== f.TYPE_AMQP && frame.type !== f.TYPE_SASL) return original(frame)
    if (w.buffer.length > 16 * SCRATCH) w = new types.Writer(Buffer.allocUnsafe(SCRATCH))
    w.position = 0
    w.skip(4)
    w.write_uint(2, 1)
    w.write_uint(frame.type, 1)
    w.write_uint(frame.type === f.TYPE_AMQP ? frame.channel : 0, 2)
    if (frame.performative) {
      if (!writeTransfer(w, frame.performative)) w.write(frame.performative)
      if (frame.payload) w.write_bytes(frame.payload)
    }
    const out = Buffer.allocUnsafe(w.position)
    w.buffer.copy(out, 0, 0, w.position)
    out.writeUInt32BE(out.length, 0)
    return out
  }
}

interface ScratchWriter {
  buffer: Buffer
  position: number
  ensure(n: number): void
  skip(n: number): void
  write_uint(v: number, width: number): void
  write(o: unknown): void
  write_bytes(b: Buffer): void
}

interface RawFrame {
  type: number
  channel: number
  performative?: unknown
  payload?: Buffer
}

// Event dispatch without per-event array copies. rhea passes every event up link → session →
// connection → container, and at each level tests `this.listeners(name).length`, which copies the
// listener array (several allocations per message). Same behaviour with listenerCount().
let dispatchPatched = false

interface Emitter {
  listenerCount(name: string): number
  emit(name: string, ...args: unknown[]): boolean
}

export function patchEventDispatch(): void {
  if (dispatchPatched) return
  dispatchPatched = true
  const { Sender } = require('rhea/lib/link.js') as { Sender: { prototype: object } }
  const linkProto = Object.getPrototypeOf(Sender.prototype) as Record<string, unknown>
  linkProto.dispatch = dispatchUpTo('session')
  const Session = require('rhea/lib/session.js') as { prototype: Record<string, unknown> }
  Session.prototype.dispatch = dispatchUpTo('connection')
  const Connection = require('rhea/lib/connection.js') as { prototype: Record<string, unknown> }
  Connection.prototype.dispatch = function (
    this: Emitter & { container?: { dispatch: Dispatch } },
    name: string,
    ...args: unknown[]
  ) {
    if (this.listenerCount(name)) {
      this.emit(name, ...args)
      return true
    }
    return this.container ? this.container.dispatch(name, ...args) : false
  }
}

type Dispatch = (name: string, ...args: unknown[]) => boolean

/** A link's or a session's dispatch: its observers, then its own listeners, else up to its `parent`. */
function dispatchUpTo<P extends 'session' | 'connection'>(parent: P) {
  return function (
    this: Emitter & { observers: Emitter } & Record<P, { dispatch: Dispatch }>,
    name: string,
    ...args: unknown[]
  ) {
    if (this.observers.listenerCount(name)) this.observers.emit(name, ...args)
    if (this.listenerCount(name)) {
      this.emit(name, ...args)
      return true
    }
    return this[parent].dispatch(name, ...args)
  }
}

// Incoming deliveries without five fresh closures each. rhea's Incoming.on_transfer builds every
// delivery as an object literal with its own update/accept/release/reject/modified functions; this
// is the same code with those functions on a shared prototype (same fields, same behaviour).
let transferPatched = false

export function patchIncomingTransfer(session: { incoming: object }): void {
  if (transferPatched) return
  transferPatched = true
  const proto = Object.getPrototypeOf(session.incoming) as Record<string, unknown>
  const message = require('rhea/lib/message.js') as {
    decode(b: Buffer): unknown
    accepted(): Described
    released(): Described
    rejected(f: unknown): Described
    modified(f: unknown): Described
  }
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
  proto.on_transfer = function (this: Incoming, frame: Frame, receiver: Receiver) {
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
}

interface Described {
  described(): unknown
}

// rhea calls its `debug` loggers several times per frame; a disabled `debug` logger still checks its
// enabled state on every call. Loggers not enabled at start-up (DEBUG=rhea:...) become no-ops.
let logPatched = false

export function patchDisabledLogging(): void {
  if (logPatched) return
  logPatched = true
  const log = require('rhea/lib/log.js') as Record<string, { enabled?: boolean }>
  const noop = () => {}
  for (const k of Object.keys(log)) if (!log[k].enabled) (log as Record<string, unknown>)[k] = noop
}

// Outgoing deliveries and tags without per-message closures: rhea's Outgoing.send gives every
// delivery its own update() closure and Sender.next_tag() builds a String object per tag. Same
// fields and behaviour, with update() on a shared prototype and tags written straight from numbers.
let outgoingPatched = false

export function patchOutgoingSend(session: { outgoing: object }): void {
  if (outgoingPatched) return
  outgoingPatched = true
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
  const proto = Object.getPrototypeOf(session.outgoing) as Record<string, unknown>
  proto.send = function (this: Outgoing, sender: unknown, tag: Buffer, data: Buffer, format?: number) {
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
  const { Sender } = require('rhea/lib/link.js') as { Sender: { prototype: Record<string, unknown> } }
  Sender.prototype.next_tag = function (this: { tag: number }) {
    return Buffer.from(String(this.tag++), 'latin1')
  }
}
