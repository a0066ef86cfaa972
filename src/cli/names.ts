// Names of broker objects given on the command line (not in the originals, docs/compat.md): an
// empty name is almost always an unset variable in a script (`qpid-config add queue "$Q"`), and
// control characters in a name would later reach operators' terminals raw. Both are refused
// before connecting, with the name shown as Python shows a string (escapes visible).
import { pyStr } from '../protocol/errors.js'

// C0 controls, DEL and C1 controls (U+0080..U+009F), which terminals act on
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/

/** Why `name` cannot name a queue or exchange, or undefined when it can. */
export function nameProblem(name: string, emptyAllowed = false): string | undefined {
  if (name === '' && !emptyAllowed) return 'a name must not be empty'
  if (CONTROL.test(name)) return 'a name must not contain control characters'
  return undefined
}

/** The first problem among `[what, name, emptyAllowed?]` words (what: `queue name`, `binding key`, ...) (absent ones are the command's to report). */
export function firstNameError(checks: ReadonlyArray<[string, string | undefined, boolean?]>): string | undefined {
  for (const [kind, name, emptyAllowed] of checks) {
    if (name === undefined) continue
    const problem = nameProblem(name, emptyAllowed)
    if (problem) return `Invalid ${kind} ${pyStr(name)}: ${problem}`
  }
  return undefined
}
