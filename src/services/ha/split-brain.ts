// The check qpid-ha promote makes before promoting (not in the original, docs/compat.md): every
// member of the broker's brokers URL is asked for its state, in parallel, each within its own
// deadline; another member that is active or recovering means a second primary, so the promotion
// is refused. A member that cannot be reached does not block it: a dead primary is exactly when
// a cluster manager promotes.
import { PythonError } from '../../protocol/errors.js'
import type { QmfObject } from '../../protocol/qmf-types.js'
import { statusWord } from '../../render/ha-status.js'
import { clusterAddresses, type HaFlags, queryAll, type Target } from './brokers.js'

const PRIMARY_STATES = ['active', 'recovering']

/** Throws when a member other than `ha` (told apart by system id) is primary. */
export async function refuseSecondPrimary(ha: QmfObject, flags: HaFlags, target: Target): Promise<void> {
  const addresses = clusterAddresses(String(ha.values.brokersUrl ?? ''))
  const self = String(ha.values.systemId)
  for (const r of await queryAll(addresses, flags, target)) {
    if (!('ha' in r) || String(r.ha.values.systemId) === self) continue
    const status = statusWord(r.ha)
    if (PRIMARY_STATES.includes(status)) {
      throw new PythonError(
        'Exception',
        `Refusing to promote ${target.text}: ${r.address} is already ${status} (two primaries lose data; --force promotes anyway)`,
      )
    }
  }
}
