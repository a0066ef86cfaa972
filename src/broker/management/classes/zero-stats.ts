// Statistics of the broker and queue schemas for features qpidd-ref does not have (transactions,
// flow to disk): both classes report them, always 0.
import { type Typed, u64 } from '../../../protocol/qmf-encode.js'

const ZERO_STATS = [
  'msgTxnEnqueues',
  'msgTxnDequeues',
  'byteTxnEnqueues',
  'byteTxnDequeues',
  'msgFtdEnqueues',
  'msgFtdDequeues',
  'byteFtdEnqueues',
  'byteFtdDequeues',
  'msgFtdDepth',
  'byteFtdDepth',
]

export function putZeroStats(v: Record<string, Typed>): void {
  for (const k of ZERO_STATS) v[k] = u64(0)
}
