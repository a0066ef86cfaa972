// Persistence seam. The broker calls these for durable objects and for durable messages on durable
// queues; `sync` reports when everything recorded so far is safely stored, and persistent messages
// are only accepted to their sender after that (group commit in the journal implementation).
import type { Binding } from '../nodes/binding.js'
import type { Exchange } from '../nodes/exchange.js'
import type { QueuedMessage } from '../nodes/message.js'
import type { Queue } from '../nodes/queue.js'

export interface RecoveredQueue {
  id: number
  name: string
  durable: true
  autoDelete: boolean
  exclusive: boolean
  arguments: Record<string, unknown>
  alternateExchange?: string
  /** Messages in enqueue order. */
  messages: { id: number; bytes: Buffer }[]
}

export interface RecoveredExchange {
  id: number
  name: string
  type: string
  autoDelete: boolean
  arguments: Record<string, unknown>
  alternateExchange?: string
}

export interface RecoveredBinding {
  id: number
  exchange: string
  queue: string
  key: string
  arguments: Record<string, unknown>
}

export interface RecoveredState {
  exchanges: RecoveredExchange[]
  queues: RecoveredQueue[]
  bindings: RecoveredBinding[]
}

export interface MessageStore {
  /** False for the in-memory store: nothing survives a restart. */
  readonly persistent: boolean
  recover(): Promise<RecoveredState>
  declareQueue(q: Queue): void
  deleteQueue(q: Queue): void
  declareExchange(e: Exchange): void
  deleteExchange(e: Exchange): void
  bind(b: Binding): void
  unbind(b: Binding): void
  enqueue(q: Queue, m: QueuedMessage): void
  dequeue(q: Queue, m: QueuedMessage): void
  /** Optional: the broker's live durable objects, so the store can compact itself while running. */
  setSnapshotSource?(source: () => { exchanges: Iterable<Exchange>; queues: Iterable<Queue> }): void
  /** Calls `done` once every record written so far is durable. */
  sync(done: () => void): void
  close(): Promise<void>
}
