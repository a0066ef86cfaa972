// Picks the view qpid-stat shows for the folded `show` option (tools.md §2.1): `-S` applies to
// the listings only, and `-q` with a name shows that one queue.
import { aclView } from './stat-acl.js'
import { connectionsView } from './stat-connections.js'
import { exchangesView } from './stat-exchanges.js'
import { generalView } from './stat-general.js'
import { memoryView } from './stat-memory.js'
import { queueView } from './stat-queue.js'
import { queuesView } from './stat-queues.js'
import { subscriptionsView } from './stat-subscriptions.js'
import type { Snapshot, StatSource } from './stat-view.js'
import type { SortSpec } from './table.js'

export type Show = 'g' | 'c' | 'e' | 'q' | 'u' | 'm' | 'acl'

export interface StatRequest {
  show: Show
  /** Positional words; `-q` uses the first as a queue name. */
  names: readonly string[]
  sort?: SortSpec
}

export function statSnapshot(src: StatSource, req: StatRequest): Promise<Snapshot> {
  switch (req.show) {
    case 'g':
      return generalView(src)
    case 'c':
      return connectionsView(src, req.sort)
    case 'e':
      return exchangesView(src, req.sort)
    case 'q':
      return req.names.length > 0 ? queueView(src, req.names[0]) : queuesView(src, req.sort)
    case 'u':
      return subscriptionsView(src, req.sort)
    case 'm':
      return memoryView(src)
    case 'acl':
      return aclView(src)
  }
}
