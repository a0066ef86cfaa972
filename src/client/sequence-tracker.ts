// Bookkeeping for sequence-numbered messages (`sn` = 1..N, as qpid-send numbers them): which
// numbers arrived, how many arrived more than once, and which are missing. A bitset keeps a
// million numbers in 125 kB and makes the gap scan linear.
export type Range = [first: number, last: number]

/** Larger numbers are counted as invalid: one stray value must not allocate a huge bitset (32 MiB here). */
export const MAX_SN = 2 ** 28

export class SequenceTracker {
  /** Every recorded message, duplicates included. */
  received = 0
  /** Numbers recorded more than once (each extra copy counts). */
  duplicates = 0
  /** Messages without a usable sequence number (missing, not a positive integer). */
  invalid = 0
  /** Different numbers seen. */
  distinct = 0
  /** Highest number seen. */
  highest = 0
  /** The numbers that arrived more than once. */
  readonly duplicated = new Set<number>()
  private bits = new Uint8Array(1024)

  /** Records one message; returns false when its number was seen before or is unusable. */
  record(sn: unknown): boolean {
    this.received++
    if (typeof sn !== 'number' || !Number.isSafeInteger(sn) || sn < 1 || sn > MAX_SN) {
      this.invalid++
      return false
    }
    this.grow(sn)
    const mask = 1 << (sn & 7)
    if (this.bits[sn >> 3] & mask) {
      this.duplicates++
      this.duplicated.add(sn)
      return false
    }
    this.bits[sn >> 3] |= mask
    this.distinct++
    if (sn > this.highest) this.highest = sn
    return true
  }

  has(sn: number): boolean {
    return sn >> 3 < this.bits.length && (this.bits[sn >> 3] & (1 << (sn & 7))) !== 0
  }

  /** Numbers in 1..upTo that never arrived, as inclusive ranges. */
  missing(upTo = this.highest): Range[] {
    const ranges: Range[] = []
    let start = 0
    for (let sn = 1; sn <= upTo; sn++) {
      if (!this.has(sn)) {
        if (start === 0) start = sn
      } else if (start !== 0) {
        ranges.push([start, sn - 1])
        start = 0
      }
    }
    if (start !== 0) ranges.push([start, upTo])
    return ranges
  }

  private grow(sn: number): void {
    if (sn >> 3 < this.bits.length) return
    let size = this.bits.length
    while (sn >> 3 >= size) size *= 2
    const bigger = new Uint8Array(size)
    bigger.set(this.bits)
    this.bits = bigger
  }
}

/** Sorted numbers as inclusive ranges. */
export function toRanges(numbers: Iterable<number>): Range[] {
  const ranges: Range[] = []
  for (const n of [...numbers].sort((a, b) => a - b)) {
    const last = ranges.at(-1)
    if (last && n === last[1] + 1) last[1] = n
    else ranges.push([n, n])
  }
  return ranges
}

/** How many numbers the ranges cover. */
export function rangeCount(ranges: readonly Range[]): number {
  return ranges.reduce((n, [a, b]) => n + b - a + 1, 0)
}

/** `3-5,9` */
export function formatRanges(ranges: readonly Range[]): string {
  return ranges.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(',')
}
