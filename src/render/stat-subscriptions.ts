// `qpid-stat -u`: one row per subscription with its session's and connection's details
// (tools.md §2.7). Like the original, a subscription whose session or connection is not (or no
// longer) in the broker's answers is left out rather than failing the whole listing.
import type { QmfObject } from '../protocol/qmf-types.js'
import { attr, type Column, listing, orDash, type Snapshot } from './stat-view.js'
import type { SortSpec } from './table.js'

interface Subscription {
  sub: QmfObject
  session: QmfObject
  conn: QmfObject
}

const of = (pick: keyof Subscription, key: string) => (s: Subscription) => attr(s[pick], key)

export const SUBSCRIPTION_COLUMNS: readonly Column<Subscription>[] = [
  { header: 'subscr', key: 'name', value: of('sub', 'name') },
  { header: 'queue', key: 'queueRef', value: of('sub', 'queueRef') },
  { header: 'conn', key: 'address', value: of('conn', 'address') },
  { header: 'procName', key: 'remoteProcessName', value: (s) => orDash(attr(s.conn, 'remoteProcessName')) },
  { header: 'procId', key: 'remotePid', value: of('conn', 'remotePid') },
  { header: 'browse', key: 'browsing', format: 'Y', value: of('sub', 'browsing') },
  { header: 'acked', key: 'acknowledged', format: 'Y', value: of('sub', 'acknowledged') },
  { header: 'excl', key: 'exclusive', format: 'Y', value: of('sub', 'exclusive') },
  { header: 'creditMode', key: 'creditMode', value: of('sub', 'creditMode') },
  { header: 'delivered', key: 'delivered', format: 'COMMAS', value: of('sub', 'delivered') },
  { header: 'sessUnacked', key: 'unackedMessages', format: 'COMMAS', value: of('session', 'unackedMessages') },
]

/** Indexes objects by the attribute the original keyed its dictionaries with (later ones win). */
function index(objects: readonly QmfObject[], key: string): Map<unknown, QmfObject> {
  return new Map(objects.map((o) => [attr(o, key), o]))
}

export interface SubscriptionData {
  subscriptions: QmfObject[]
  sessions: QmfObject[]
  connections: QmfObject[]
}

export function subscriptionsView(data: SubscriptionData, sort?: SortSpec): Snapshot {
  const subs = data.subscriptions
  const sessions = index(data.sessions, 'name')
  const connections = index(data.connections, 'address')
  const rows: Subscription[] = []
  for (const sub of subs) {
    const session = sessions.get(attr(sub, 'sessionRef'))
    const conn = session && connections.get(attr(session, 'connectionRef'))
    if (session && conn) rows.push({ sub, session, conn })
  }
  return listing('Subscriptions', 'subscriptions', SUBSCRIPTION_COLUMNS, rows, sort)
}
