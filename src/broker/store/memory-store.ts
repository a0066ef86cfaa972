// The store used without a data directory: nothing is persisted, sync completes at once.
import type { MessageStore, RecoveredState } from './store.js'

export class MemoryStore implements MessageStore {
  readonly persistent = false
  async recover(): Promise<RecoveredState> {
    return { exchanges: [], queues: [], bindings: [] }
  }
  declareQueue(): number {
    return 0
  }
  deleteQueue(): void {}
  declareExchange(): number {
    return 0
  }
  deleteExchange(): void {}
  bind(): void {}
  unbind(): void {}
  enqueue(): number {
    return 0
  }
  dequeue(): void {}
  sync(done: () => void): void {
    done()
  }
  async close(): Promise<void> {}
}
