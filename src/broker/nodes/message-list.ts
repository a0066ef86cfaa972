// A positional deque (ring buffer) of QueuedMessage, modelled on qpidd's MessageDeque: messages keep
// their slot while acquired, so a released message becomes available again at its original place and
// is redelivered before later ones. Deleted slots at the head are dropped. Lookup by position is O(1).
import { AVAILABLE, DELETED, type QueuedMessage } from './message.js'

export class MessageList {
  private ring: (QueuedMessage | undefined)[] = new Array(16)
  private mask = 15
  private head = 0
  private count = 0
  /** Position of the slot at `head`. */
  private base = 1
  /** Lowest position that may be AVAILABLE (a hint; never above the real one). */
  private hint = 1

  push(m: QueuedMessage): void {
    if (this.count === this.ring.length) this.grow()
    m.position = this.base + this.count
    this.ring[(this.head + this.count) & this.mask] = m
    this.count++
  }

  get(position: number): QueuedMessage | undefined {
    const i = position - this.base
    if (i < 0 || i >= this.count) return undefined
    return this.ring[(this.head + i) & this.mask]
  }

  /** First AVAILABLE message at or after the hint, without changing its state. */
  firstAvailable(): QueuedMessage | undefined {
    let i = Math.max(0, this.hint - this.base)
    for (; i < this.count; i++) {
      const m = this.ring[(this.head + i) & this.mask] as QueuedMessage
      if (m.state === AVAILABLE) {
        this.hint = m.position
        return m
      }
    }
    this.hint = this.base + this.count
    return undefined
  }

  /** First message (any state but deleted) with position > after; used by browsers. */
  next(after: number): QueuedMessage | undefined {
    for (let i = Math.max(0, after + 1 - this.base); i < this.count; i++) {
      const m = this.ring[(this.head + i) & this.mask] as QueuedMessage
      if (m.state === AVAILABLE) return m
    }
    return undefined
  }

  /** A message at `position` became available again (released). */
  madeAvailable(position: number): void {
    if (position < this.hint) this.hint = position
  }

  /** Marks deleted and trims deleted slots from the head. */
  remove(m: QueuedMessage): void {
    m.state = DELETED
    while (this.count > 0) {
      const h = this.ring[this.head] as QueuedMessage
      if (h.state !== DELETED) break
      this.ring[this.head] = undefined
      this.head = (this.head + 1) & this.mask
      this.count--
      this.base++
    }
    if (this.count === 0 && this.ring.length > 1024) this.shrink()
  }

  *[Symbol.iterator](): Generator<QueuedMessage> {
    for (let i = 0; i < this.count; i++) {
      const m = this.ring[(this.head + i) & this.mask] as QueuedMessage
      if (m.state !== DELETED) yield m
    }
  }

  private grow(): void {
    const n = new Array<QueuedMessage | undefined>(this.ring.length * 2)
    for (let i = 0; i < this.count; i++) n[i] = this.ring[(this.head + i) & this.mask]
    this.ring = n
    this.mask = n.length - 1
    this.head = 0
  }

  private shrink(): void {
    this.ring = new Array(16)
    this.mask = 15
    this.head = 0
  }
}
