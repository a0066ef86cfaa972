// `qpid-stat -e`: one row per exchange (tools.md §2.4).
import type { QmfObject } from '../protocol/qmf-types.js'
import { type Column, listing, prop, type Snapshot } from './stat-view.js'
import type { SortSpec } from './table.js'

export const EXCHANGE_COLUMNS: readonly Column<QmfObject>[] = [
  prop('exchange', 'name'),
  prop('type', 'type'),
  prop('dur', 'durable', 'Y'),
  prop('bind', 'bindingCount', 'KMG'),
  prop('msgIn', 'msgReceives', 'KMG'),
  prop('msgOut', 'msgRoutes', 'KMG'),
  prop('msgDrop', 'msgDrops', 'KMG'),
  prop('byteIn', 'byteReceives', 'KMG'),
  prop('byteOut', 'byteRoutes', 'KMG'),
  prop('byteDrop', 'byteDrops', 'KMG'),
]

export function exchangesView(exchanges: QmfObject[], sort?: SortSpec): Snapshot {
  return listing('Exchanges', 'exchanges', EXCHANGE_COLUMNS, exchanges, sort)
}
