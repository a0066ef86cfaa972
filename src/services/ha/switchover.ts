// qpid-ha switchover --to <backup> (not in the original, docs/ha.md): a planned change of primary
// without a cluster manager. It asks every member of the -b broker's brokers URL, waits (within
// --timeout) until the chosen backup is ready and holds every message of every fully replicated
// queue, then stops the old primary with the Broker `shutdown` method, waits until its port
// refuses connections (two primaries, even briefly, lose data), promotes the backup and waits
// until it is active. The backup's admin connection is opened before the shutdown, so the time
// clients have no primary is only the shutdown, the promotion and the recovery.
import { connect } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { jsonMode } from '../../cli/json-output.js'
import { progress } from '../../cli/progress.js'
import { PythonError } from '../../protocol/errors.js'
import { BROKER_OBJECT, HA_BROKER_OBJECT } from '../../protocol/qmf-request.js'
import { statusWord } from '../../render/ha-status.js'
import { type SwitchoverResult, switchoverJson, switchoverText } from '../../render/ha-switchover.js'
import { jsonText } from '../../render/json.js'
import { type Plan, switchover } from '../../render/preview.js'
import { connectConsole } from '../broker-call.js'
import { safely } from '../safe-change.js'
import { openHa, resolveTarget, type Target } from './brokers.js'
import type { SwitchoverFlags } from './flags.js'
import { type Asked, askMembers, type MemberAnswer, membersOf, membersText, onePrimary } from './member-answer.js'
import { queueLags, totalLag } from './replica-lag.js'

/** How often the members are asked again while the backup catches up or the brokers change state. */
const POLL_MS = 100

type Answered = { address: string; value: MemberAnswer }

interface Survey {
  plan: Plan
  primary: Answered
  backup: Answered
}

const exception = (message: string) => new PythonError('Exception', message)

/** The primary and the backup among the members, or why a switchover cannot start. */
function roles(asked: readonly Asked[], backupId: string, to: string): { primary: Answered; backup: Answered } {
  const primary = onePrimary(asked, 'a switchover needs exactly one')
  const backup = asked.find((r): r is Answered => 'value' in r && r.value.systemId === backupId)
  if (!backup) throw exception(`${to} is not a member of the brokers URL (${membersText(asked)})`)
  if (backup.value.systemId === primary.value.systemId) throw exception(`${to} is already the primary`)
  return { primary, backup }
}

function surveyed(primary: Answered, backup: Answered): Survey {
  const lags = queueLags(primary.value.queues, backup.value.queues)
  const behind = lags.filter((l) => l.lagMessages > 0).map((l) => `${l.queue}: ${l.lagMessages}`)
  const plan = switchover({
    primary: primary.address,
    target: backup.address,
    targetStatus: backup.value.status,
    queues: lags.length,
    behind,
    lagMessages: totalLag(lags).messages,
  })
  return { plan, primary, backup }
}

/** Asks the cluster until the backup is ready with no lag, or --timeout passes (the plan then says why not). */
async function survey(flags: SwitchoverFlags, target: Target, to: string): Promise<Survey> {
  const [seed, wanted] = await askMembers([target.text, to], flags, target)
  if ('error' in seed) throw seed.error
  if ('error' in wanted) throw exception(`${to}: ${wanted.error.message}`)
  const deadline = Date.now() + target.connect.timeoutMs
  let asked = await askMembers(membersOf(target, seed.value), flags, target)
  for (;;) {
    const { primary, backup } = roles(asked, wanted.value.systemId, to)
    const found = surveyed(primary, backup)
    if (found.plan.preview.ok || Date.now() >= deadline) return found
    await sleep(POLL_MS)
    asked = await askMembers([primary.address, backup.address], flags, target)
  }
}

/** Resolves once nothing accepts connections at `host:port` any more; fails after `deadline`. */
async function untilRefused(host: string, port: number, deadline: number, what: string): Promise<void> {
  for (;;) {
    const accepted = await new Promise<boolean>((resolve) => {
      const socket = connect({ host, port }, () => {
        socket.destroy()
        resolve(true)
      })
      socket.once('error', () => resolve(false))
    })
    if (!accepted) return
    if (Date.now() >= deadline) throw exception(what)
    await sleep(20)
  }
}

async function takeOver(flags: SwitchoverFlags, s: Survey, spinner: (text: string) => void): Promise<number> {
  const from = resolveTarget({ ...flags, broker: s.primary.address })
  const to = resolveTarget({ ...flags, broker: s.backup.address })
  const next = await openHa(to)
  try {
    const old = await connectConsole(from.connect)
    spinner(`Stopping ${s.primary.address}`)
    const started = Date.now()
    try {
      await old.callMethod(BROKER_OBJECT, 'shutdown')
    } catch (err) {
      // a broker may close the connection before it answers: the expected outcome
      if (!(err instanceof PythonError && err.pythonClass === 'ConnectionError')) throw err
    } finally {
      old.close()
    }
    const { host, port } = from.connect.url
    await untilRefused(
      host,
      port,
      Date.now() + from.connect.timeoutMs,
      `${s.primary.address} still accepts connections after its shutdown: nothing was promoted; stop it, then promote ${s.backup.address} (qpid-ha promote -b ${s.backup.address} --cluster-manager)`,
    )
    spinner(`Promoting ${s.backup.address}`)
    try {
      await next.agent.callMethod(HA_BROKER_OBJECT, 'promote')
    } catch (err) {
      throw exception(
        `${s.primary.address} was stopped but ${s.backup.address} was not promoted (${(err as Error).message}): promote a ready backup now (qpid-ha promote -b <backup> --cluster-manager)`,
      )
    }
    return await untilActive(next, s.backup.address, to.connect.timeoutMs, started)
  } finally {
    next.agent.close()
  }
}

/** Milliseconds from `started` until the promoted backup is active. */
async function untilActive(
  next: Awaited<ReturnType<typeof openHa>>,
  address: string,
  timeoutMs: number,
  started: number,
): Promise<number> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const ha = await next.agent.getSingleton('habroker')
    const status = ha ? statusWord(ha) : 'None'
    if (status === 'active') return Date.now() - started
    if (Date.now() >= deadline) {
      throw exception(
        `${address} was promoted but is still ${status} after ${timeoutMs / 1000} s: it becomes active once its backups have reconnected (watch it: qpid-ha status -b ${address} --all --watch)`,
      )
    }
    await sleep(POLL_MS / 2)
  }
}

/** Shows `text` in a spinner on a terminal (never under --json) while `body` runs. */
async function spinning<T>(text: string, body: (say: (text: string) => void) => Promise<T>): Promise<T> {
  const spinner = jsonMode() ? undefined : await progress(text)
  try {
    const value = await body((t) => spinner?.text(t))
    spinner?.done(true)
    return value
  } catch (err) {
    spinner?.done(false)
    throw err
  }
}

export async function runSwitchover(flags: SwitchoverFlags, target: Target): Promise<number> {
  if (!flags.to) throw exception('switchover needs --to <backup>: the backup to promote')
  const to = flags.to
  const s = await spinning(`Checking that ${to} is ready with no replication lag`, () => survey(flags, target, to))
  return safely(
    flags,
    async () => s.plan,
    async () => {
      // the plan's reason, as an error line, when the backup cannot take over
      if (!s.plan.preview.ok)
        throw exception(`${s.plan.preview.line.replace(/^would fail: /, '')}: nothing was changed`)
      const unavailableMs = await spinning(`Switching over to ${s.backup.address}`, (say) => takeOver(flags, s, say))
      const result: SwitchoverResult = { from: s.primary.address, to: s.backup.address, unavailableMs }
      process.stdout.write(jsonMode() ? jsonText(switchoverJson(target.label, result)) : switchoverText(result))
      return 0
    },
  )
}
