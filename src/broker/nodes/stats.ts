// Message statistics shared by queues and the broker aggregate. Plain numbers (exact up to 2^53);
// the QMF layer wraps them as AMQP ulong. Broker totals = retired (deleted queues) + live queues.

export class MessageStats {
  msgTotalEnqueues = 0
  msgTotalDequeues = 0
  byteTotalEnqueues = 0
  byteTotalDequeues = 0
  msgPersistEnqueues = 0
  msgPersistDequeues = 0
  bytePersistEnqueues = 0
  bytePersistDequeues = 0
  acquires = 0
  releases = 0
  discardsTtl = 0
  discardsRing = 0
  discardsLvq = 0
  discardsOverflow = 0
  discardsSubscriber = 0
  discardsPurge = 0
  reroutes = 0
  abandoned = 0
  abandonedViaAlt = 0

  addTo(t: MessageStats): void {
    for (const k of STAT_KEYS) t[k] += this[k]
  }
}

export const STAT_KEYS = Object.keys(new MessageStats()) as (keyof MessageStats & string)[] as Exclude<
  keyof MessageStats,
  'addTo'
>[]

/** A hilo32 statistic: current value plus high and low water marks since the last read. */
export class HiLo {
  value = 0
  high = 0
  low = 0
  set(v: number): void {
    this.value = v
    if (v > this.high) this.high = v
    if (v < this.low) this.low = v
  }
  /** Called after a management read: water marks restart from the current value. */
  reset(): void {
    this.high = this.value
    this.low = this.value
  }
}
