// The `Statistic / Messages / Bytes` table shared by `-g` (broker aggregates) and `-q <name>`
// (one queue): row labels and the statistics behind them, in the original's order.
import type { QmfObject } from '../protocol/qmf-types.js'
import type { JsonValue } from './json.js'
import { attr } from './stat-view.js'
import { formattedTable, type Header, type Row } from './table.js'

/** [label, messages statistic, bytes statistic or none]. */
export type StatisticRow = readonly [string, string, string | undefined]

export const DEPTH_ROWS: readonly StatisticRow[] = [
  ['queue-depth', 'msgDepth', 'byteDepth'],
  ['total-enqueues', 'msgTotalEnqueues', 'byteTotalEnqueues'],
  ['total-dequeues', 'msgTotalDequeues', 'byteTotalDequeues'],
  ['persistent-enqueues', 'msgPersistEnqueues', 'bytePersistEnqueues'],
  ['persistent-dequeues', 'msgPersistDequeues', 'bytePersistDequeues'],
  ['transactional-enqueues', 'msgTxnEnqueues', 'byteTxnEnqueues'],
  ['transactional-dequeues', 'msgTxnDequeues', 'byteTxnDequeues'],
  ['flow-to-disk-depth', 'msgFtdDepth', 'byteFtdDepth'],
  ['flow-to-disk-enqueues', 'msgFtdEnqueues', 'byteFtdEnqueues'],
  ['flow-to-disk-dequeues', 'msgFtdDequeues', 'byteFtdDequeues'],
  ['acquires', 'acquires', undefined],
  ['releases', 'releases', undefined],
]

/** The per-queue discard counters; the broker's aggregates list the same ones, after its own no-route. */
export const DISCARD_ROWS: readonly StatisticRow[] = [
  ['discards-ttl-expired', 'discardsTtl', undefined],
  ['discards-limit-overflow', 'discardsOverflow', undefined],
  ['discards-ring-overflow', 'discardsRing', undefined],
  ['discards-lvq-replace', 'discardsLvq', undefined],
  ['discards-subscriber-reject', 'discardsSubscriber', undefined],
  ['discards-purged', 'discardsPurge', undefined],
]

const HEADS: readonly Header[] = [
  { text: 'Statistic' },
  { text: 'Messages', format: 'COMMAS' },
  { text: 'Bytes', format: 'COMMAS' },
]

/** The table text, with an empty Bytes cell where a statistic counts messages only. */
export function statisticsTable(title: string, obj: QmfObject, rows: readonly StatisticRow[]): string {
  const cells: Row[] = rows.map(([label, msgs, bytes]) => [label, attr(obj, msgs), bytes ? attr(obj, bytes) : null])
  return formattedTable(title, HEADS, cells)
}

/** The same statistics for --json, keyed by their QMF names. */
export function statisticsJson(obj: QmfObject, rows: readonly StatisticRow[]): { [key: string]: JsonValue } {
  const out: { [key: string]: JsonValue } = {}
  for (const [, msgs, bytes] of rows) {
    for (const key of bytes ? [msgs, bytes] : [msgs]) {
      const v = attr(obj, key)
      out[key] = v === undefined || v === null || typeof v === 'object' ? null : v
    }
  }
  return out
}
