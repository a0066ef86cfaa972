// A fix for rhea 3.0.5's disposition batching. Its write_dispositions() merges a delivery into the
// previous range when that range holds a single delivery, without comparing outcomes: an accepted
// message followed by a rejected one (e.g. over a queue limit) in the same tick is reported to the
// sender as two accepts, so the sender believes a refused message was stored. The function is private
// to rhea's session.js; we replace the two process() methods that call it, on the prototypes of the
// session's incoming/outgoing halves, with versions that write correct ranges first.
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const frames = require('rhea/lib/frames.js') as { disposition(f: Record<string, unknown>): unknown }

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
