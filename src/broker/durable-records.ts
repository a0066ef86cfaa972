// The store's plain records of the broker's durable objects (store/ knows nothing of queues and
// exchanges): what is written when one is declared or bound, and the live state the journal
// rewrites itself from while running.
import type { BindingDeclaration, ExchangeDeclaration, QueueDeclaration } from './declarations.js'
import type { Binding, Exchange } from './nodes/exchange.js'
import type { Queue } from './nodes/queue.js'
import type { DurableSnapshot } from './store/store.js'

export function queueRecord(q: Queue): QueueDeclaration {
  return {
    name: q.name,
    durable: q.durable,
    autoDelete: q.autoDelete,
    exclusive: q.exclusive,
    arguments: q.arguments,
    alternateExchange: q.alternateExchange,
  }
}

export function exchangeRecord(e: Exchange): ExchangeDeclaration {
  return {
    name: e.name,
    type: e.type,
    durable: e.durable,
    autoDelete: e.autoDelete,
    arguments: e.arguments,
    alternateExchange: e.altExchange?.name,
  }
}

export function bindingRecord(b: Binding): BindingDeclaration {
  return { exchange: b.exchange.name, queue: b.queue.name, key: b.key, arguments: b.args }
}

/** The stored exchanges and queues (with their stored messages) that are still live. */
export function durableSnapshot(exchanges: Iterable<Exchange>, queues: Iterable<Queue>): DurableSnapshot {
  const snapshot: DurableSnapshot = { exchanges: [], queues: [] }
  for (const e of exchanges)
    if (e.persistenceId && !e.deleted) snapshot.exchanges.push({ id: e.persistenceId, ...exchangeRecord(e) })
  for (const q of queues) {
    if (!q.persistenceId || q.deleted) continue
    const messages = q
      .allMessages()
      .filter((m) => m.persistenceId)
      .map((m) => ({ id: m.persistenceId, bytes: m.bytes }))
    snapshot.queues.push({ id: q.persistenceId, ...queueRecord(q), messages })
  }
  return snapshot
}
