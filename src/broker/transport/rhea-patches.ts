// A fix for rhea 3.0.5's disposition batching. Its write_dispositions() merges a delivery into the
// previous range when that range holds a single delivery, without comparing outcomes: an accepted
// message followed by a rejected one (e.g. over a queue limit) in the same tick is reported to the
// sender as two accepts, so the sender believes a refused message was stored. The function is private
// to rhea's session.js; we replace the two process() methods that call it, on the prototypes of the
// session's incoming/outgoing halves, with versions that write correct ranges first.
import { createRequire } from 'node:module'

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
