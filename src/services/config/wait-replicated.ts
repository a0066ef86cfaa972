// --wait-replicated[=SECONDS] (not in the original, docs/compat.md): a change made on an HA primary
// is confirmed on its backups. Before the change the broker must be the active primary; after it,
// every member of its brokers URL that is a ready backup is asked (an admin connection, as
// --ha-admin makes) until it shows the change, all in parallel, within SECONDS.
import { progress } from '../../cli/progress.js'
import { PythonError } from '../../protocol/errors.js'
import type { QmfConsole, QmfObject } from '../../protocol/qmf-types.js'
import { refName } from '../../protocol/qmf-types.js'
import { hostPort, parseBrokerUrl, parseQpidUrl } from '../../protocol/url.js'
import type { BrokerAgent } from '../../qmf/console.js'
import { deadlineMs } from '../broker-call.js'
import type { ConfigFlags } from './flags.js'
import { brokerAddress, brokerLabel, connectTo } from './with-broker.js'

/** The state a change leaves on the primary, which its ready backups must come to show. */
export type Change =
  | { kind: 'queue' | 'exchange'; name: string; present: boolean }
  | { kind: 'binding'; exchange: string; queue: string; key: string; present: boolean }

/** Exit code when the change was made on the primary but not seen on every ready backup in time. */
export const NOT_REPLICATED_EXIT = 3
const POLL_MS = 100

export interface ReplicationWait {
  /** Waits for `change` on every ready backup; prints the outcome and returns the exit code. */
  confirm(agent: QmfConsole, change: Change): Promise<number>
}

const describe = (c: Change) =>
  c.kind === 'binding' ? `binding ${c.exchange} → ${c.queue} (key '${c.key}')` : `${c.kind} ${c.name}`

async function shows(backup: QmfConsole, c: Change): Promise<boolean> {
  if (c.kind !== 'binding') {
    return ((await backup.getObject(`org.apache.qpid.broker:${c.kind}:${c.name}`)) !== undefined) === c.present
  }
  const bound = (await backup.query('binding')).some(
    (b) =>
      refName(b.values.exchangeRef) === c.exchange &&
      refName(b.values.queueRef) === c.queue &&
      String(b.values.bindingKey ?? '') === c.key,
  )
  return bound === c.present
}

/**
 * Whether a new object replicates, as qpidd decides it: its own qpid.replicate, else the broker's
 * default, except built-in exchanges (never replicated); a binding when both its ends do.
 */
async function replicates(agent: QmfConsole, c: Change, ha: QmfObject): Promise<boolean> {
  const level = async (kind: 'queue' | 'exchange', name: string) => {
    if (kind === 'exchange' && (name === '' || /^(amq|qpid)\./.test(name))) return 'none'
    const o = await agent.getObject(`org.apache.qpid.broker:${kind}:${name}`)
    const args = (o?.values.arguments ?? {}) as Record<string, unknown>
    return String(args['qpid.replicate'] ?? ha.values.replicateDefault ?? 'none')
  }
  if (!c.present) return true // waiting for an object to be gone is right whatever it was
  if (c.kind !== 'binding') return (await level(c.kind, c.name)) !== 'none'
  const ends = await Promise.all([level('exchange', c.exchange), level('queue', c.queue)])
  return ends.every((l) => l !== 'none')
}

/**
 * Checked before the change: undefined without --wait-replicated; throws (nothing changed yet)
 * when the broker is not an active HA primary.
 */
export async function prepareWait(
  agent: QmfConsole,
  flags: Partial<ConfigFlags>,
): Promise<ReplicationWait | undefined> {
  if (flags['wait-replicated'] === undefined) return undefined
  const seconds = Number(flags['wait-replicated'])
  const self = brokerLabel(flags)
  const ha = await agent.getSingleton('habroker')
  if (!ha) throw new PythonError('Exception', `--wait-replicated: HA module is not loaded on broker at ${self}`)
  const status = String(ha.values.status)
  if (status !== 'active')
    throw new PythonError('Exception', `--wait-replicated: ${self} is ${status}, not the active primary`)
  return {
    confirm: async (primary, change) => {
      if (!(await replicates(primary, change, ha))) {
        process.stderr.write(`qpid-config: ${describe(change)} is not replicated: nothing to wait for\n`)
        return 0
      }
      const started = Date.now()
      const deadline = started + seconds * 1000
      // on a terminal a spinner while waiting, then the outcome; in a pipe only a failure is printed
      const spinner = process.stdout.isTTY ? await progress(`waiting for ${describe(change)}`) : undefined
      const backups = await readyBackups(ha, flags, deadline)
      try {
        spinner?.text(`waiting for ${describe(change)} on ${backups.map((b) => b.address).join(', ')}`)
        const lacking = await Promise.all(backups.map((b) => lacksUntil(b.agent, change, deadline)))
        const late = backups.filter((_, i) => lacking[i]).map((b) => b.address)
        spinner?.done(
          late.length === 0,
          late.length === 0
            ? `${describe(change)} on ${backups.length} ready backup(s) after ${Date.now() - started} ms`
            : undefined,
        )
        if (late.length === 0) return 0
        const state = change.present ? 'missing on' : 'still on'
        process.stdout.write(
          `Failed: not replicated within ${seconds} s: ${describe(change)} ${state} ${late.join(', ')}\n`,
        )
        return NOT_REPLICATED_EXIT
      } finally {
        for (const b of backups) b.agent.close()
      }
    },
  }
}

/** True when `backup` still does not show `change` at `deadline`. */
async function lacksUntil(backup: QmfConsole, change: Change, deadline: number): Promise<boolean> {
  for (;;) {
    if (await shows(backup, change).catch(() => false)) return false
    if (Date.now() + POLL_MS > deadline) return true
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
}

interface Backup {
  address: string
  agent: BrokerAgent
}

/** The members of the primary's brokers URL that answer as ready backups, connected as admin. */
async function readyBackups(ha: QmfObject, flags: Partial<ConfigFlags>, deadline: number): Promise<Backup[]> {
  const own = parseBrokerUrl(brokerAddress(flags))
  const members = parseQpidUrl(String(ha.values.brokersUrl ?? ''))?.addresses ?? []
  const found = await Promise.all(
    members.map(async (m): Promise<Backup | undefined> => {
      const address = hostPort(m)
      const timeoutMs = Math.max(1, Math.min(deadlineMs(flags.timeout), deadline - Date.now()))
      try {
        const url = { ...own, host: m.host, port: m.port, text: address }
        const agent = await connectTo({ ...flags, 'ha-admin': true }, url, timeoutMs)
        const theirs = await agent.getSingleton('habroker').catch(() => undefined)
        if (
          theirs &&
          String(theirs.values.status) === 'ready' &&
          String(theirs.values.systemId) !== String(ha.values.systemId)
        )
          return { address, agent }
        agent.close()
      } catch {
        // a member that cannot be reached is no ready backup
      }
      return undefined
    }),
  )
  return found.filter((b): b is Backup => b !== undefined)
}

/**
 * Runs `apply` (the change; resolves with its exit code) and, with --wait-replicated, checks the
 * broker first and confirms `change` on the ready backups after.
 */
export async function applyReplicated(
  agent: QmfConsole,
  flags: Partial<ConfigFlags>,
  change: Change,
  apply: () => Promise<number>,
): Promise<number> {
  const wait = await prepareWait(agent, flags)
  const code = await apply()
  return code === 0 && wait ? wait.confirm(agent, change) : code
}
