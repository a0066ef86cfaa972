// `--watch[=SECONDS]`, an addition to qpid-stat and qpid-ha (cli/optional-value.ts).
import { expandOptionalValue } from './optional-value.js'

/** `--watch` given without `=SECONDS` redraws every this many seconds. */
export const WATCH_DEFAULT_SECONDS = 2

/** The option-table entry; the value arrives as `--watch=N` only (see expandWatch). */
export const WATCH_OPTION = {
  long: 'watch',
  type: 'float',
  metavar: '[=SECONDS]',
  extension: 'Show it again every SECONDS (default 2) until Ctrl-C: redrawn on a terminal, appended when piped',
} as const

/**
 * `--watch` takes its value only when it is attached with `=` (`--watch=5`); a bare `--watch` (or
 * a prefix of it) means `--watch=2` and never consumes the next word, which stays a queue name or
 * option (no other option of qpid-stat or qpid-ha starts with w).
 */
export function expandWatch(argv: readonly string[]): string[] {
  return expandOptionalValue(argv, 'watch', WATCH_DEFAULT_SECONDS)
}
