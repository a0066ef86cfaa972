// What qpid-ha check and lag ask each member of the cluster: its HA status and identity, its
// brokers URL, and its queues (with their depths). One question over one admin connection.
import { PythonError } from '../../protocol/errors.js'
import type { QmfObject } from '../../protocol/qmf-types.js'
import { statusWord } from '../../render/ha-status.js'
import { askAll, clusterAddresses, type HaFlags, type HaSession, type MemberResult, type Target } from './brokers.js'
import { isPrimary } from './check-verdict.js'

export interface MemberAnswer {
  status: string
  systemId: string
  brokersUrl: string
  queues: QmfObject[]
}

export type Asked = MemberResult<MemberAnswer>

export const askMember = async (s: HaSession): Promise<MemberAnswer> => ({
  status: statusWord(s.ha),
  systemId: String(s.ha.values.systemId),
  brokersUrl: String(s.ha.values.brokersUrl ?? ''),
  queues: await s.agent.query('queue'),
})

/** The members of a brokers URL that answered as primary, one per broker (told apart by system id). */
export function primariesOf(asked: readonly Asked[]): Array<{ address: string; value: MemberAnswer }> {
  const primaries = new Map<string, { address: string; value: MemberAnswer }>()
  for (const r of asked) if ('value' in r && isPrimary(r.value.status)) primaries.set(r.value.systemId, r)
  return [...primaries.values()]
}

/** The -b broker's brokers URL, as addresses; fails when it names none. */
export function membersOf(target: Target, seed: MemberAnswer): string[] {
  const addresses = clusterAddresses(seed.brokersUrl)
  if (addresses.length === 0) {
    throw new PythonError('Exception', `${target.text} has no brokers URL: not a member of a cluster`)
  }
  return addresses
}

/** Asks the given addresses (see askAll). */
export const askMembers = (addresses: string[], flags: HaFlags, target: Target) =>
  askAll(addresses, flags, target, askMember)
