// Fetches what the chosen qpid-stat view shows, in the original's order of questions, and hands
// the plain objects to its renderer (tools.md §2.1): `-S` applies to the listings only, and `-q`
// with a name shows that one queue.
import type { QmfConsole } from '../../protocol/qmf-types.js'
import { aclView } from '../../render/stat-acl.js'
import { connectionsView } from '../../render/stat-connections.js'
import { exchangesView } from '../../render/stat-exchanges.js'
import { generalView } from '../../render/stat-general.js'
import { memoryView } from '../../render/stat-memory.js'
import { queueView } from '../../render/stat-queue.js'
import { queuesView } from '../../render/stat-queues.js'
import { subscriptionsView } from '../../render/stat-subscriptions.js'
import type { Snapshot } from '../../render/stat-view.js'
import type { SortSpec } from '../../render/table.js'

export type Show = 'g' | 'c' | 'e' | 'q' | 'u' | 'm' | 'acl'

export interface StatRequest {
  show: Show
  /** Positional words; `-q` uses the first as a queue name. */
  names: readonly string[]
  sort?: SortSpec
}

/** What the views read from a broker: the console, or a fake in unit tests. */
export type StatSource = Pick<QmfConsole, 'query' | 'getObject' | 'getSingleton'>

export async function statSnapshot(src: StatSource, req: StatRequest): Promise<Snapshot> {
  switch (req.show) {
    case 'g': {
      // One after the other, broker first, as the original: the broker's totals then do not yet
      // count the replies to this tool's own later questions.
      const broker = await src.getSingleton('broker')
      const cluster = await src.getSingleton('cluster')
      const connections = await src.query('connection')
      const sessions = await src.query('session')
      const exchanges = await src.query('exchange')
      const queues = await src.query('queue')
      return generalView({ broker, cluster, connections, sessions, exchanges, queues })
    }
    case 'c': {
      const connections = await src.query('connection')
      return connectionsView(connections, await src.getSingleton('broker'), req.sort)
    }
    case 'e':
      return exchangesView(await src.query('exchange'), req.sort)
    case 'q': {
      if (req.names.length === 0) return queuesView(await src.query('queue'), req.sort)
      const name = req.names[0]
      return queueView(name, await src.getObject(`org.apache.qpid.broker:queue:${name}`))
    }
    case 'u': {
      // One after the other, as the original: our own reply subscription then shows its earlier
      // replies as acknowledged (sessUnacked 0) instead of racing with them.
      const subscriptions = await src.query('subscription')
      const sessions = await src.query('session')
      const connections = await src.query('connection')
      return subscriptionsView({ subscriptions, sessions, connections }, req.sort)
    }
    case 'm':
      return memoryView(await src.getSingleton('memory'))
    case 'acl':
      return aclView(await src.getSingleton('acl'))
  }
}
