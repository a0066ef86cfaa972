// Delay between passes over the address list, as qpid clients do it: start at the minimum,
// double after every pass that found no broker, never exceed the maximum. Each outage gets a
// fresh Backoff, so it starts from the minimum again.
export class Backoff {
  private passes = 0

  constructor(
    private readonly minMs: number,
    private readonly maxMs: number,
  ) {}

  /** The delay to wait after the pass that just failed. */
  next(): number {
    const delay = Math.min(this.maxMs, this.minMs * 2 ** this.passes)
    if (delay < this.maxMs) this.passes++
    return delay
  }
}
