// qpid-ha diff (not in the original, docs/ha.md): every member of the -b broker's brokers URL is
// asked in parallel (admin connections) for its queues, exchanges and bindings, and each backup's
// replicated configuration is compared with the primary's (replica-diff.ts). Exit 0 when every
// backup holds exactly the primary's; 1 when one differs or could not be asked, or without one primary.
import { type DiffReport, diffJson, diffText, inStep } from '../../render/ha-diff.js'
import { statusWord } from '../../render/ha-status.js'
import { jsonText } from '../../render/json.js'
import { askAll, type HaFlags, type HaSession, type Target } from './brokers.js'
import { membersOf, onePrimary } from './member-answer.js'
import { type Configuration, configurationDiff, replicatedCounts } from './replica-diff.js'

interface ConfigAnswer extends Configuration {
  status: string
  systemId: string
  brokersUrl: string
}

const askConfiguration = async (s: HaSession): Promise<ConfigAnswer> => ({
  status: statusWord(s.ha),
  systemId: String(s.ha.values.systemId),
  brokersUrl: String(s.ha.values.brokersUrl ?? ''),
  queues: await s.agent.query('queue'),
  exchanges: await s.agent.query('exchange'),
  bindings: await s.agent.query('binding'),
})

export async function diffReport(flags: HaFlags, target: Target): Promise<DiffReport> {
  const [seed] = await askAll([target.text], flags, target, async (s) => ({
    brokersUrl: String(s.ha.values.brokersUrl ?? ''),
  }))
  if ('error' in seed) throw seed.error
  const asked = await askAll(membersOf(target, seed.value), flags, target, askConfiguration)
  const primary = onePrimary(asked, 'backups are compared with one')
  return {
    primary: { address: primary.address, status: primary.value.status, ...replicatedCounts(primary.value) },
    backups: asked
      .filter((r) => !('value' in r) || r.value.systemId !== primary.value.systemId)
      .map((r) =>
        'error' in r
          ? r
          : { address: r.address, status: r.value.status, differences: configurationDiff(primary.value, r.value) },
      ),
  }
}

/** Prints the report; exit 0 when every backup is in step with the primary. */
export async function runDiff(flags: HaFlags & { json?: boolean }, target: Target): Promise<number> {
  const report = await diffReport(flags, target)
  process.stdout.write(flags.json ? jsonText(diffJson(target.label, report)) : diffText(report))
  return inStep(report) ? 0 : 1
}
