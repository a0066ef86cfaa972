// What qpid-ha switchover (not in the original, docs/ha.md) prints once the backup has taken over:
// who is primary now, how long clients had no primary, and what the old primary's operator does next.
import type { JsonDocument } from './json.js'

export interface SwitchoverResult {
  from: string
  to: string
  /** From the old primary's shutdown until the new one was active. */
  unavailableMs: number
}

/** The old primary's next step: it is stopped, and comes back as a backup when started again. */
export const nextStep = (r: SwitchoverResult) =>
  `start qpidd on ${r.from} again: it rejoins as a backup (check with: qpid-ha status -b ${r.from})`

export function switchoverText(r: SwitchoverResult): string {
  return (
    `Switched over: ${r.to} is the primary (was ${r.from})\n` +
    `Unavailable for ${r.unavailableMs} ms (from the shutdown of ${r.from} until ${r.to} was active)\n` +
    `Next: ${nextStep(r)}\n`
  )
}

export function switchoverJson(broker: string, r: SwitchoverResult): JsonDocument {
  return { broker, switchover: { from: r.from, to: r.to, unavailableMs: r.unavailableMs, next: nextStep(r) } }
}
