// Persistence seam. The broker calls these with plain records for durable objects and for durable
// messages on durable queues (store/ knows nothing of the broker's queue and exchange objects);
// `sync` reports when everything recorded so far is safely stored, and persistent messages are only
// accepted to their sender after that (group commit in the journal implementation).
import type { BindingDeclaration, ExchangeDeclaration, QueueDeclaration } from '../declarations.js'

/** A message to record on the queue with store id `queueId`. */
export interface MessageRecord {
  queueId: number
  bytes: Buffer
}

/** A recorded message: its store id and encoded bytes. */
export interface StoredMessage {
  id: number
  bytes: Buffer
}

export interface RecoveredQueue extends QueueDeclaration {
  id: number
  /** Messages in enqueue order. */
  messages: StoredMessage[]
}

export interface RecoveredExchange extends ExchangeDeclaration {
  id: number
}

export interface RecoveredBinding extends BindingDeclaration {
  id: number
}

export interface RecoveredState {
  exchanges: RecoveredExchange[]
  queues: RecoveredQueue[]
  bindings: RecoveredBinding[]
}

/** The broker's live durable exchanges and queues (with their stored messages), for compaction. */
export type DurableSnapshot = Omit<RecoveredState, 'bindings'>

export interface MessageStore {
  /** False for the in-memory store: nothing survives a restart. */
  readonly persistent: boolean
  recover(): Promise<RecoveredState>
  /** Records a queue; returns its store id. */
  declareQueue(q: QueueDeclaration): number
  deleteQueue(id: number): void
  /** Records an exchange; returns its store id. */
  declareExchange(e: ExchangeDeclaration): number
  deleteExchange(id: number): void
  bind(b: BindingDeclaration): void
  unbind(b: BindingDeclaration): void
  /** Records a message; returns its store id. */
  enqueue(m: MessageRecord): number
  dequeue(queueId: number, messageId: number): void
  /** Optional: the broker's live durable objects, so the store can compact itself while running. */
  setSnapshotSource?(source: () => DurableSnapshot): void
  /** Calls `done` once every record written so far is durable. */
  sync(done: () => void): void
  close(): Promise<void>
}
