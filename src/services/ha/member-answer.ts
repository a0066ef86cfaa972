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
export function primariesOf<T extends { status: string; systemId: string }>(
  asked: readonly MemberResult<T>[],
): Array<{ address: string; value: T }> {
  const primaries = new Map<string, { address: string; value: T }>()
  for (const r of asked) if ('value' in r && isPrimary(r.value.status)) primaries.set(r.value.systemId, r)
  return [...primaries.values()]
}

/** The -b broker's brokers URL, as addresses; fails when it names none. */
export function membersOf(target: Target, seed: { brokersUrl: string }): string[] {
  const addresses = clusterAddresses(seed.brokersUrl)
  if (addresses.length === 0) {
    throw new PythonError('Exception', `${target.text} has no brokers URL: not a member of a cluster`)
  }
  return addresses
}

/** Asks the given addresses (see askAll). */
export const askMembers = (addresses: string[], flags: HaFlags, target: Target) =>
  askAll(addresses, flags, target, askMember)

/** Each member with its status or why it could not be asked, for error messages. */
export function membersText<T extends { status: string }>(asked: readonly MemberResult<T>[]): string {
  return asked.map((r) => `${r.address} ${'value' in r ? r.value.status : r.error.message}`).join(', ')
}

/** The one primary among the members; none, or two (split brain), fails with `why` one is needed. */
export function onePrimary<T extends { status: string; systemId: string }>(
  asked: readonly MemberResult<T>[],
  why: string,
): { address: string; value: T } {
  const primaries = primariesOf(asked)
  if (primaries.length === 1) return primaries[0]
  const what = primaries.length === 0 ? 'no primary' : `split brain: ${primaries.length} primaries`
  throw new PythonError('Exception', `${what}, ${why} (${membersText(asked)})`)
}
