// Guards (ha.md §6.5): per (queue, backup) the replication ids whose sender confirmation waits
// for that backup. A held message is released by the backup's acknowledgement, by its dequeue on
// the primary, or by cancelling the guard (backup gone, timed out, queue deleted).
import type { ConfirmationTracker, Hold } from './confirmation.js'

export class Guard {
  readonly ids = new Set<number>()
  constructor(
    readonly backupId: string,
    /** First id enqueued under this guard; earlier messages could not be held. */
    readonly firstId: number,
  ) {}
}

interface Held {
  hold?: Hold
  guards: number
}

export class QueueGuards {
  readonly guards = new Map<string, Guard>()
  private readonly held = new Map<number, Held>()

  constructor(private readonly confirmation: ConfirmationTracker) {}

  /** Adds a guard for a backup unless one exists; `nextId` is the id the next message gets. */
  guard(backupId: string, nextId: number): Guard {
    let g = this.guards.get(backupId)
    if (!g) {
      g = new Guard(backupId, nextId)
      this.guards.set(backupId, g)
    }
    return g
  }

  /** A message was enqueued with `id`: hold it for every guard. */
  enqueued(id: number): void {
    if (this.guards.size === 0) return
    for (const g of this.guards.values()) g.ids.add(id)
    this.held.set(id, { hold: this.confirmation.join(), guards: this.guards.size })
  }

  /** The backup holds its copy of `id`. */
  release(g: Guard, id: number): void {
    if (!g.ids.delete(id)) return
    const h = this.held.get(id)
    if (!h || --h.guards > 0) return
    this.held.delete(id)
    h.hold?.release()
  }

  /** The message left the queue on the primary: nothing to protect any more. */
  dequeued(id: number): void {
    for (const g of this.guards.values()) this.release(g, id)
  }

  cancel(backupId: string): void {
    const g = this.guards.get(backupId)
    if (!g) return
    for (const id of [...g.ids]) this.release(g, id)
    this.guards.delete(backupId)
  }

  cancelAll(): void {
    for (const id of [...this.guards.keys()]) this.cancel(id)
  }
}
