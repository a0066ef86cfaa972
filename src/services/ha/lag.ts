// qpid-ha lag (not in the original, docs/ha.md): every member of the -b broker's brokers URL is
// asked in parallel (admin connections, so backups answer) for its status and queues; each
// backup's copies of the primary's fully replicated queues are set beside the primary's
// (replica-lag.ts). It needs exactly one primary to measure against: none, or two (a split
// brain), is an error naming what was found.
import type { LagReport } from '../../render/ha-lag.js'
import { lagJson, lagText } from '../../render/ha-lag.js'
import { lagTable } from '../../render/ha-lag-table.js'
import { jsonText } from '../../render/json.js'
import { watchStdout } from '../watch.js'
import { errorLine, type HaFlags, type Target } from './brokers.js'
import { askMembers, membersOf, onePrimary } from './member-answer.js'
import { queueLags, totalLag } from './replica-lag.js'

export async function lagReport(flags: HaFlags, target: Target): Promise<LagReport> {
  const [seed] = await askMembers([target.text], flags, target)
  if ('error' in seed) throw seed.error
  const asked = await askMembers(membersOf(target, seed.value), flags, target)
  const primary = onePrimary(asked, 'lag is measured against one')
  const replicated = queueLags(primary.value.queues, [])
  return {
    primary: { address: primary.address, status: primary.value.status },
    queues: replicated.length,
    backups: asked
      .filter((r) => !('value' in r) || r.value.systemId !== primary.value.systemId)
      .map((r) => {
        if ('error' in r) return r
        const queues = queueLags(primary.value.queues, r.value.queues)
        return { address: r.address, status: r.value.status, queues, ...totalLag(queues) }
      }),
  }
}

/** The view as printed: JSON, a human table on a terminal, plain columns in a pipe. */
export async function lagView(flags: HaFlags & { json?: boolean }, target: Target): Promise<string> {
  const report = await lagReport(flags, target)
  if (flags.json) return jsonText(lagJson(target.label, report))
  return process.stdout.isTTY ? lagTable(report) : lagText(report)
}

export async function watchLag(flags: HaFlags & { json?: boolean }, target: Target, seconds: number): Promise<void> {
  await watchStdout(() => lagView(flags, target), {
    seconds,
    json: flags.json ?? false,
    errorLine: (err) => errorLine(err).trimEnd(),
  })
}
