// qpid-ha check (an addition, docs/ha.md): a monitoring plugin with the Nagios/Icinga contract.
// It prints one status line (or, with --json, one document) and exits 0 OK, 1 WARNING,
// 2 CRITICAL, 3 UNKNOWN. Never throws: whatever keeps the check from being made is UNKNOWN.
import { PythonError } from '../../protocol/errors.js'
import { checkJson, checkLine, type MemberHealth, unknownLine, type Verdict } from '../../render/ha-check.js'
import { writeJson } from '../../render/json.js'
import { asPythonError, noteJsonFailure } from '../broker-call.js'
import { resolveTarget } from './brokers.js'
import { brokerVerdict, type CheckLimits, clusterVerdict, EXIT_CODE } from './check-verdict.js'
import type { CheckFlags } from './flags.js'
import { probeBroker, probeCluster } from './health.js'

/** Seconds a backup is given to become ready when --ready-grace is not given. */
export const DEFAULT_READY_GRACE_S = 5

function usage(message: string): PythonError {
  return new PythonError('UsageError', message)
}

function limitsOf(flags: CheckFlags): CheckLimits {
  const graceS = flags['ready-grace'] === undefined ? DEFAULT_READY_GRACE_S : Number(flags['ready-grace'])
  const limits = {
    warnLag: flags['warn-lag'],
    critLag: flags['crit-lag'],
    expectMembers: flags['expect-members'],
    graceS,
  }
  const cluster = [limits.warnLag, limits.critLag, limits.expectMembers].some((n) => n !== undefined)
  if (cluster && !flags.all) throw usage('--warn-lag, --crit-lag and --expect-members need --all')
  if ([graceS, limits.warnLag ?? 0, limits.critLag ?? 0, limits.expectMembers ?? 0].some((n) => n < 0)) {
    throw usage('--ready-grace, --warn-lag, --crit-lag and --expect-members must not be negative')
  }
  if (limits.warnLag !== undefined && limits.critLag !== undefined && limits.warnLag > limits.critLag) {
    throw usage('--warn-lag must not be above --crit-lag')
  }
  return limits
}

export async function runCheck(flags: CheckFlags): Promise<number> {
  const started = Date.now()
  try {
    const limits = limitsOf(flags)
    const target = resolveTarget(flags)
    const graceMs = limits.graceS * 1000
    let members: MemberHealth[]
    let verdict: Verdict
    const probed = flags.all ? await probeCluster(flags, target, graceMs) : undefined
    if (probed?.members) {
      members = probed.members
      verdict = clusterVerdict(members, limits)
    } else {
      const broker = probed?.seed ?? (await probeBroker(flags, target, graceMs))
      members = [broker]
      verdict = brokerVerdict(broker, limits)
    }
    verdict.perf.push({ label: 'time', value: (Date.now() - started) / 1000, unit: 's', min: 0 })
    const code = EXIT_CODE[verdict.state]
    if (flags.json) writeJson(checkJson(target.label, verdict, code, members))
    else process.stdout.write(checkLine(verdict))
    return code
  } catch (err) {
    noteJsonFailure(err)
    process.stdout.write(unknownLine(asPythonError(err).message))
    return EXIT_CODE.UNKNOWN
  }
}
