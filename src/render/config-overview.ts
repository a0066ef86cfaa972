// `qpid-config` with no command: totals per exchange type and durable/non-durable queue counts.
import type { QmfObject } from '../protocol/qmf-types.js'

export interface Overview {
  exchanges: number
  /** Exchange type → count, in first-seen order (the Python 3 tool's dict order). */
  exchangeTypes: Map<string, number>
  queues: number
  durableQueues: number
}

export function overviewOf(exchanges: readonly QmfObject[], queues: readonly QmfObject[]): Overview {
  const exchangeTypes = new Map<string, number>()
  for (const ex of exchanges) {
    const type = String(ex.values.type ?? 'None')
    exchangeTypes.set(type, (exchangeTypes.get(type) ?? 0) + 1)
  }
  const durableQueues = queues.filter((q) => q.values.durable).length
  return { exchanges: exchanges.length, exchangeTypes, queues: queues.length, durableQueues }
}

export function renderOverview(o: Overview): string[] {
  return [
    `Total Exchanges: ${o.exchanges}`,
    ...[...o.exchangeTypes].map(([type, n]) => `${type.padStart(15)}: ${n}`),
    '',
    `   Total Queues: ${o.queues}`,
    `        durable: ${o.durableQueues}`,
    `    non-durable: ${o.queues - o.durableQueues}`,
  ]
}
