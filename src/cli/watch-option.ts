// `--watch[=SECONDS]`, an addition to qpid-stat and qpid-ha: optparse has no options with an
// optional value, so the option is declared with a value and a bare `--watch` is rewritten here
// before parsing.

/** `--watch` given without `=SECONDS` redraws every this many seconds. */
export const WATCH_DEFAULT_SECONDS = 2

/** The option-table entry; the value arrives as `--watch=N` only (see expandWatch). */
export const WATCH_OPTION = { long: 'watch', type: 'float' } as const

/**
 * `--watch` takes its value only when it is attached with `=` (`--watch=5`); a bare `--watch` (or
 * an unambiguous prefix of it) means `--watch=2` and never consumes the next word, which stays a
 * queue name or option.
 */
export function expandWatch(argv: readonly string[]): string[] {
  const end = argv.indexOf('--')
  return argv.map((arg, i) =>
    (end === -1 || i < end) && arg.startsWith('--w') && 'watch'.startsWith(arg.slice(2))
      ? `--watch=${WATCH_DEFAULT_SECONDS}`
      : arg,
  )
}
