// The check qpid-ha promote makes before promoting (not in the original, docs/compat.md): every
// member of the broker's brokers URL is asked for its state, in parallel, each within its own
// deadline; another member that is active or recovering means a second primary, so the promotion
// is refused. A member that cannot be reached does not block it: a dead primary is exactly when
// a cluster manager promotes.
import { PythonError } from '../../protocol/errors.js'
import type { QmfObject } from '../../protocol/qmf-types.js'
import { statusWord } from '../../render/ha-status.js'
import { type Member, otherPrimary } from '../../render/preview.js'
import { clusterAddresses, type HaFlags, queryAll, type Target } from './brokers.js'

/** The other members of `ha`'s brokers URL (told apart by system id) with their states. */
export async function otherMembers(ha: QmfObject, flags: HaFlags, target: Target): Promise<Member[]> {
  const addresses = clusterAddresses(String(ha.values.brokersUrl ?? ''))
  const self = String(ha.values.systemId)
  const members: Member[] = []
  for (const r of await queryAll(addresses, flags, target)) {
    if (!('ha' in r)) members.push({ address: r.address })
    else if (String(r.ha.values.systemId) !== self) members.push({ address: r.address, status: statusWord(r.ha) })
  }
  return members
}

/** Throws when one of `others` is primary. */
export function refuseSecondPrimary(others: readonly Member[], target: Target): void {
  const primary = otherPrimary(others)
  if (primary) {
    throw new PythonError(
      'Exception',
      `Refusing to promote ${target.text}: ${primary.address} is already ${primary.status} (two primaries lose data; --force promotes anyway)`,
    )
  }
}
