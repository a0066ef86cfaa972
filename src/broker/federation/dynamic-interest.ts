// What a dynamic route propagates: the binding keys of the local destination exchange, counted per
// key so that a key stays bound remotely while any local queue still uses it. Bindings of
// federation's own bridge queues are left out: propagating them back would loop messages between
// brokers that federate each other (qpidd uses tags and exclude lists for that; we keep one hop).
import type { Broker } from '../broker.js'
import type { Binding } from '../nodes/exchange.js'
import { isBridgeQueue } from './bridge-naming.js'

export interface InterestListener {
  keyAdded(key: string): void
  keyRemoved(key: string): void
}

export class DynamicInterest {
  private readonly counts = new Map<string, number>()
  private readonly stopObserving: () => void

  constructor(
    broker: Broker,
    private readonly exchange: string,
    private readonly listener: InterestListener,
  ) {
    const ex = broker.exchanges.get(exchange)
    for (const b of ex?.bindings ?? []) this.count(b, 1)
    this.stopObserving = broker.hooks.add({
      bound: (b) => this.changed(b, 1),
      unbound: (b) => this.changed(b, -1),
    })
  }

  keys(): string[] {
    return [...this.counts.keys()]
  }

  close(): void {
    this.stopObserving()
  }

  private relevant(b: Binding): boolean {
    return b.exchange.name === this.exchange && !isBridgeQueue(b.queue.name)
  }

  /** Returns the key's new count, or undefined for a binding that does not count. */
  private count(b: Binding, delta: number): number | undefined {
    if (!this.relevant(b)) return undefined
    const n = (this.counts.get(b.key) ?? 0) + delta
    if (n > 0) this.counts.set(b.key, n)
    else this.counts.delete(b.key)
    return n
  }

  private changed(b: Binding, delta: number): void {
    const n = this.count(b, delta)
    if (n === 1 && delta > 0) this.listener.keyAdded(b.key)
    if (n === 0) this.listener.keyRemoved(b.key)
  }
}
