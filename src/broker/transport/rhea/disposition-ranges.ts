// Correctness: rhea 3.0.5's disposition batching. Its private write_dispositions() merges a delivery
// into the previous range when that range holds a single delivery, without comparing outcomes: an
// accepted message followed by a rejected one (e.g. over a queue limit) in the same tick is reported
// to the sender as two accepts, so the sender believes a refused message was stored. The two
// process() methods that call it (the session's incoming and outgoing halves) now write correct
// ranges first and leave rhea's function an empty list.
import type { Members } from './internals.js'
import { expectFunction, type RheaPatch } from './patch.js'

interface Disp {
  id: number
  settled: boolean
  state?: { descriptor?: { value: unknown } }
  link: { is_receiver(): boolean; session: { output(f: unknown): void } }
}

const ACCEPTED = 0x24

/** Deliveries share a range only with the same settlement and no outcome, or both accepted. */
function sameOutcome(a: Disp, b: Disp): boolean {
  if (a.settled !== b.settled) return false
  if (a.state === undefined && b.state === undefined) return true
  return a.state?.descriptor?.value === ACCEPTED && b.state?.descriptor?.value === ACCEPTED
}

function writeDispositions(frames: Members, deliveries: Disp[]): void {
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

export const dispositionRanges: RheaPatch = {
  name: 'disposition ranges',
  check: (r) => [
    ...expectFunction(r.incoming, 'Incoming', 'process', { fragment: 'write_dispositions(this.updated)' }),
    ...expectFunction(r.outgoing, 'Outgoing', 'process', {
      fragment: 'write_dispositions(this.pending_dispositions)',
    }),
    ...expectFunction(r.frames, 'frames', 'disposition'),
  ],
  install(r) {
    const incomingProcess = r.incoming.process
    r.incoming.process = function (this: { updated: Disp[] }, session: unknown) {
      if (this.updated.length > 0) {
        writeDispositions(r.frames, this.updated)
        this.updated = []
      }
      incomingProcess.call(this, session)
    }
    const outgoingProcess = r.outgoing.process
    // rhea writes pending dispositions after the transfers; keep that order by letting it run with
    // an empty list and writing ours afterwards
    r.outgoing.process = function (this: { pending_dispositions: Disp[] }) {
      const pending = this.pending_dispositions
      this.pending_dispositions = []
      outgoingProcess.call(this)
      if (pending.length > 0) writeDispositions(r.frames, pending)
    }
  },
}
