// The message-ids a receiver settled most recently, bounded so a long-running consumer does not
// grow without limit. A copy of a settled message can come back after a failover (re-sent by a
// sender whose confirmation was lost, or redelivered because the accept never reached the new
// primary); the receiver drops it when its id is still remembered here.
export class SettledIds {
  private readonly ids = new Set<string>()

  constructor(private readonly limit: number) {}

  add(id: string): void {
    if (this.ids.has(id)) return
    this.ids.add(id)
    // Sets iterate in insertion order, so the first value is the oldest id.
    if (this.ids.size > this.limit) this.ids.delete(this.ids.values().next().value!)
  }

  has(id: string): boolean {
    return this.ids.has(id)
  }

  get size(): number {
    return this.ids.size
  }
}
