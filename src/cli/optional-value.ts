// Options with an optional value, our additions (`--watch[=SECONDS]`, `--wait-replicated[=SECONDS]`):
// optparse has none, so such an option is declared with a value and a bare use is rewritten here,
// before parsing, to carry the default.

/**
 * `--<long>` (or an unambiguous prefix of it among `longs`, every option's long name) given without
 * `=VALUE` becomes `--<long>=<value>`, so it never consumes the next word (a queue name or an option).
 * Words after `--` are left alone.
 */
export function expandOptionalValue(
  argv: readonly string[],
  long: string,
  value: number,
  longs: readonly string[] = [long],
): string[] {
  const end = argv.indexOf('--')
  const means = (arg: string) => {
    if (!arg.startsWith('--') || arg.includes('=') || arg.length < 3) return false
    const name = arg.slice(2)
    return name === long || (long.startsWith(name) && longs.every((l) => l === long || !l.startsWith(name)))
  }
  return argv.map((arg, i) => ((end === -1 || i < end) && means(arg) ? `--${long}=${value}` : arg))
}
