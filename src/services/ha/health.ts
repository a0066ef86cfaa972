// What qpid-ha check asks the cluster (docs/ha.md): every member of the brokers URL in parallel,
// each over an admin connection within --timeout, for its HA status and queues. A backup still
// joining or catching up while there is a primary is asked again until it is ready or the grace
// period (--ready-grace) ends. A ready backup's lag is its total in messages (replica-lag.ts).
import { setTimeout as sleep } from 'node:timers/promises'
import type { MemberHealth } from '../../render/ha-check.js'
import { type HaFlags, NoHaModule, type Target } from './brokers.js'
import { isNotReady, isPrimary } from './check-verdict.js'
import { type Asked, askMembers, membersOf, primariesOf } from './member-answer.js'
import { queueLags, totalLag } from './replica-lag.js'

/** How often a backup that is not ready yet is asked again within the grace period. */
const REASK_MS = 250

const notReady = (r: Asked) => 'value' in r && isNotReady(r.value.status)

/** Asks the members that are not ready again, until none is or `deadline` passes. */
async function waitReady(asked: Asked[], flags: HaFlags, target: Target, deadline: number): Promise<Asked[]> {
  let current = asked
  const anyPrimary = () => current.some((r) => 'value' in r && isPrimary(r.value.status))
  while (current.some(notReady) && anyPrimary() && Date.now() < deadline) {
    await sleep(Math.min(REASK_MS, Math.max(0, deadline - Date.now())))
    const again = current.filter(notReady).map((r) => r.address)
    const answers = new Map((await askMembers(again, flags, target)).map((r) => [r.address, r]))
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
  let [seed] = await askMembers([target.text], flags, target)
  // alone, the broker cannot show whether a primary exists: it is given the grace period anyway
  while (notReady(seed) && Date.now() < deadline) {
    await sleep(Math.min(REASK_MS, Math.max(0, deadline - Date.now())))
    ;[seed] = await askMembers([target.text], flags, target)
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
  const [seed] = await askMembers([target.text], flags, target)
  if ('error' in seed) return { seed: { ...health(seed), address: target.label } }
  const addresses = membersOf(target, seed.value)
  const asked = await waitReady(await askMembers(addresses, flags, target), flags, target, deadline)
  const primaries = primariesOf(asked)
  const primary = primaries.length === 1 ? primaries[0].value : undefined
  const members = asked.map((r) =>
    primary && 'value' in r && r.value.status === 'ready' && r.value.systemId !== primary.systemId
      ? health(r, totalLag(queueLags(primary.queues, r.value.queues)).messages)
      : health(r),
  )
  return { seed: health(seed), members }
}
