// Observer seams. The broker core calls these; modules (HA replication, statistics extensions,
// tests) subscribe through Broker.observe*. Hot-path calls are skipped when nobody listens.
import type { Binding } from './nodes/binding.js'
import type { Exchange } from './nodes/exchange.js'
import type { QueuedMessage } from './nodes/message.js'
import type { Queue } from './nodes/queue.js'

/** Why a message left a queue (qpidd's dequeue reasons, used for statistics and replication). */
export type DequeueReason = 'consumed' | 'purged' | 'ring' | 'lvq' | 'rejected' | 'rerouted' | 'deleted' | 'expired'

export interface QueueObserver {
  enqueued?(queue: Queue, msg: QueuedMessage): void
  acquired?(queue: Queue, msg: QueuedMessage): void
  released?(queue: Queue, msg: QueuedMessage): void
  dequeued?(queue: Queue, msg: QueuedMessage, reason: DequeueReason): void
}

export interface ConfigObserver {
  queueDeclared?(queue: Queue): void
  queueDeleted?(queue: Queue): void
  exchangeDeclared?(exchange: Exchange): void
  exchangeDeleted?(exchange: Exchange): void
  bound?(binding: Binding): void
  unbound?(binding: Binding): void
}
