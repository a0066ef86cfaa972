// Sets of replication ids exchanged as sorted, merged ranges (a backup tells the primary which ids
// it already holds when it subscribes; ha.md §6.6).

export type IdRanges = Array<[number, number]>

/** Ranges [first, last] (inclusive) covering `ids`. */
export function toRanges(ids: Iterable<number>): IdRanges {
  const sorted = [...ids].sort((a, b) => a - b)
  const out: IdRanges = []
  for (const id of sorted) {
    const last = out.at(-1)
    if (last && id <= last[1] + 1) last[1] = Math.max(last[1], id)
    else out.push([id, id])
  }
  return out
}

export function fromRanges(ranges: IdRanges): Set<number> {
  const out = new Set<number>()
  for (const [a, b] of ranges) for (let i = a; i <= b; i++) out.add(i)
  return out
}

/** Most ids a peer may claim to hold (a bound against absurd ranges from a broken peer). */
export const MAX_HELD_IDS = 10_000_000

/** Parses ranges received from a peer; anything malformed or absurdly large counts as "holds nothing". */
export function parseRanges(v: unknown): IdRanges {
  try {
    const r = typeof v === 'string' ? JSON.parse(v) : v
    if (!Array.isArray(r)) return []
    const ranges = r.filter(
      (p): p is [number, number] =>
        Array.isArray(p) && p.length === 2 && Number.isSafeInteger(p[0]) && Number.isSafeInteger(p[1]) && p[0] <= p[1],
    )
    const total = ranges.reduce((n, [a, b]) => n + (b - a + 1), 0)
    return total > MAX_HELD_IDS ? [] : ranges
  } catch {
    return []
  }
}
