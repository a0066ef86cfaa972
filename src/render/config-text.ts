// Small text helpers shared by qpid-config's listings.

/** Python `%-*s`: left-justify to `width` characters (code points, as Python counts them). */
export function ljust(text: string, width: number): string {
  const len = [...text].length
  return len >= width ? text : text + ' '.repeat(width - len)
}

/** The original's filter: substring match, an empty filter matches everything. */
export function matches(name: string, filter: string): boolean {
  return filter === '' || name.includes(filter)
}

/** Python `str()` of an argument value inside `--replicate=%s` and friends. */
export function pyStrValue(v: unknown): string {
  if (v === null || v === undefined) return 'None'
  if (typeof v === 'boolean') return v ? 'True' : 'False'
  return String(v)
}
