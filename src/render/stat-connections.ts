// `qpid-stat -c`: one row per connection (tools.md §2.3). Durations are measured against the
// broker object's `_update_ts`, as the original did, so that they do not depend on the clocks of
// the machine running the tool.
import { PythonError } from '../protocol/errors.js'
import type { QmfObject } from '../protocol/qmf-types.js'
import { attr, type Column, listing, orDash, prop, type Snapshot } from './stat-view.js'
import type { SortSpec } from './table.js'

function connectionColumns(brokerUpdateTs: number): Column<QmfObject>[] {
  return [
    prop('connection', 'address'),
    { header: 'cproc', key: 'remoteProcessName', value: (c) => orDash(attr(c, 'remoteProcessName')) },
    prop('cpid', 'remotePid'),
    { header: 'mech', key: 'saslMechanism', value: (c) => orDash(attr(c, 'saslMechanism')) },
    { header: 'auth', key: 'authIdentity', value: (c) => orDash(attr(c, 'authIdentity')) },
    { header: 'connected', key: 'connected', format: 'DURATION', value: (c) => brokerUpdateTs - c.createTs },
    { header: 'idle', key: 'idle', format: 'DURATION', value: (c) => brokerUpdateTs - c.updateTs },
    prop('msgIn', 'msgsFromClient', 'KMG'),
    prop('msgOut', 'msgsToClient', 'KMG'),
  ]
}

export function connectionsView(connections: QmfObject[], broker: QmfObject | undefined, sort?: SortSpec): Snapshot {
  if (!broker && connections.length > 0) {
    throw new PythonError('AttributeError', "'NoneType' object has no attribute 'getUpdateTime'")
  }
  return listing('Connections', 'connections', connectionColumns(broker?.updateTs ?? 0), connections, sort)
}
