// `qpid-stat -q` without a name: one row per queue (tools.md §2.5).
import type { QmfObject } from '../protocol/qmf-types.js'
import { type Column, listing, prop, type Snapshot } from './stat-view.js'
import type { SortSpec } from './table.js'

export const QUEUE_COLUMNS: readonly Column<QmfObject>[] = [
  prop('queue', 'name'),
  prop('dur', 'durable', 'Y'),
  prop('autoDel', 'autoDelete', 'Y'),
  prop('excl', 'exclusive', 'Y'),
  prop('msg', 'msgDepth', 'KMG'),
  prop('msgIn', 'msgTotalEnqueues', 'KMG'),
  prop('msgOut', 'msgTotalDequeues', 'KMG'),
  prop('bytes', 'byteDepth', 'KMG'),
  prop('bytesIn', 'byteTotalEnqueues', 'KMG'),
  prop('bytesOut', 'byteTotalDequeues', 'KMG'),
  prop('cons', 'consumerCount', 'KMG'),
  prop('bind', 'bindingCount', 'KMG'),
]

export function queuesView(queues: QmfObject[], sort?: SortSpec): Snapshot {
  return listing('Queues', 'queues', QUEUE_COLUMNS, queues, sort)
}
