// Delayed sender confirmation (ha.md §6.5, "the promise"): a client's transfer is accepted only
// when every guard on every queue it reached has released its copy. The transport brackets each
// publish with begin()/take(); guarded enqueues in between join that publish's Hold.

/** One client transfer waiting for its copies to be safe. */
export class Hold {
  private pending = 0
  private done?: () => void

  add(): void {
    this.pending++
  }

  release(): void {
    if (--this.pending === 0 && this.done) {
      const d = this.done
      this.done = undefined
      d()
    }
  }

  /** Runs `done` once nothing is pending (at once if nothing was). */
  whenSafe(done: () => void): void {
    if (this.pending === 0) done()
    else this.done = done
  }
}

/** The broker-side seam (BrokerHooks.confirmation) the transport calls around each publish. */
export class ConfirmationTracker {
  private current?: Hold
  private active = false

  begin(): void {
    this.current = undefined
    this.active = true
  }

  /** The hold of the publish in progress, or undefined outside a client publish. */
  join(): Hold | undefined {
    if (!this.active) return undefined
    this.current ??= new Hold()
    this.current.add()
    return this.current
  }

  /** Ends the publish; returns a waiter when some copy must be confirmed first. */
  take(): ((done: () => void) => void) | undefined {
    const h = this.current
    this.current = undefined
    this.active = false
    return h ? (done) => h.whenSafe(done) : undefined
  }
}
