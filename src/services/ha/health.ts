// What qpid-ha check asks the cluster (docs/ha.md): every member of the brokers URL in parallel,
// each over an admin connection within --timeout, for its HA status and queues. A backup still
// joining or catching up while there is a primary is asked again until it is ready or the grace
// period (--ready-grace) ends. A ready backup's lag is the sum, over the primary's fully replicated
// queues (`qpid.replicate` all), of the difference between the primary's depth and the backup's
// (a queue the backup lacks counts whole): what the backup would be missing if promoted now.
import { setTimeout as sleep } from 'node:timers/promises'
import { PythonError } from '../../protocol/errors.js'
import type { QmfObject } from '../../protocol/qmf-types.js'
import type { MemberHealth } from '../../render/ha-check.js'
import { statusWord } from '../../render/ha-status.js'
import { askAll, clusterAddresses, type HaFlags, type HaSession, NoHaModule, type Target } from './brokers.js'
import { isNotReady, isPrimary } from './check-verdict.js'

/** How often a backup that is not ready yet is asked again within the grace period. */
const REASK_MS = 250

interface Answer {
  status: string
  systemId: string
  brokersUrl: string
  queues: QmfObject[]
}

type Asked = { address: string; value: Answer } | { address: string; error: PythonError }

const ask = async (s: HaSession): Promise<Answer> => ({
  status: statusWord(s.ha),
  systemId: String(s.ha.values.systemId),
  brokersUrl: String(s.ha.values.brokersUrl ?? ''),
  queues: await s.agent.query('queue'),
})

const num = (v: unknown) => (typeof v === 'number' ? v : Number(v ?? 0))

function fullyReplicated(queues: readonly QmfObject[]): QmfObject[] {
  return queues.filter((q) => {
    const args = q.values.arguments
    return typeof args === 'object' && args !== null && (args as Record<string, unknown>)['qpid.replicate'] === 'all'
  })
}

export function lagOf(primary: readonly QmfObject[], backup: readonly QmfObject[]): number {
  const copies = new Map(backup.map((q) => [String(q.values.name), q]))
  let lag = 0
  for (const q of fullyReplicated(primary)) {
    lag += Math.abs(num(q.values.msgDepth) - num(copies.get(String(q.values.name))?.values.msgDepth))
  }
  return lag
}

const notReady = (r: Asked) => 'value' in r && isNotReady(r.value.status)

/** Asks the members that are not ready again, until none is or `deadline` passes. */
async function waitReady(asked: Asked[], flags: HaFlags, target: Target, deadline: number): Promise<Asked[]> {
  let current = asked
  const anyPrimary = () => current.some((r) => 'value' in r && isPrimary(r.value.status))
  while (current.some(notReady) && anyPrimary() && Date.now() < deadline) {
    await sleep(Math.min(REASK_MS, Math.max(0, deadline - Date.now())))
    const again = current.filter(notReady).map((r) => r.address)
    const answers = new Map((await askAll(again, flags, target, ask)).map((r) => [r.address, r]))
    current = current.map((r) => answers.get(r.address) ?? r)
  }
  return current
}

function health(r: Asked, lag?: number): MemberHealth {
  if ('error' in r) return { address: r.address, error: r.error, haMissing: r.error instanceof NoHaModule }
  return {
    address: r.address,
    status: r.value.status,
    systemId: r.value.systemId,
    ...(lag === undefined ? {} : { lag }),
  }
}

/** The broker given with -b alone, after the grace period if it is not ready. */
export async function probeBroker(flags: HaFlags, target: Target, graceMs: number): Promise<MemberHealth> {
  const deadline = Date.now() + graceMs
  let [seed] = await askAll([target.text], flags, target, ask)
  // alone, the broker cannot show whether a primary exists: it is given the grace period anyway
  while (notReady(seed) && Date.now() < deadline) {
    await sleep(Math.min(REASK_MS, Math.max(0, deadline - Date.now())))
    ;[seed] = await askAll([target.text], flags, target, ask)
  }
  return { ...health(seed), address: target.label }
}

/**
 * Every member of the -b broker's brokers URL, in its order. Fails (for an UNKNOWN or CRITICAL
 * verdict on the -b broker) when that broker cannot be asked or names no brokers URL.
 */
export async function probeCluster(
  flags: HaFlags,
  target: Target,
  graceMs: number,
): Promise<{ seed: MemberHealth; members?: MemberHealth[] }> {
  const deadline = Date.now() + graceMs
  const [seed] = await askAll([target.text], flags, target, ask)
  if ('error' in seed) return { seed: { ...health(seed), address: target.label } }
  const addresses = clusterAddresses(seed.value.brokersUrl)
  if (addresses.length === 0) {
    throw new PythonError('Exception', `${target.text} has no brokers URL: not a member of a cluster`)
  }
  const asked = await waitReady(await askAll(addresses, flags, target, ask), flags, target, deadline)
  const primaries = new Map<string, Answer>()
  for (const r of asked) if ('value' in r && isPrimary(r.value.status)) primaries.set(r.value.systemId, r.value)
  const [primary] = primaries.size === 1 ? [...primaries.values()] : []
  const members = asked.map((r) =>
    primary && 'value' in r && r.value.status === 'ready' && r.value.systemId !== primary.systemId
      ? health(r, lagOf(primary.queues, r.value.queues))
      : health(r),
  )
  return { seed: health(seed), members }
}
