// qpid-ha check's judgement (Nagios/Icinga plugin contract, docs/ha.md): what the members of the
// cluster answered, turned into a state (OK, WARNING, CRITICAL, UNKNOWN; exit 0-3), the problems
// found, worst first, and the performance data. Pure: the tests feed it answers directly.
import type { PythonError } from '../../protocol/errors.js'
import type { CheckState, MemberHealth, PerfDatum, Problem, Verdict } from '../../render/ha-check.js'

export const EXIT_CODE: Record<CheckState, number> = { OK: 0, WARNING: 1, CRITICAL: 2, UNKNOWN: 3 }
const RANK: CheckState[] = ['OK', 'WARNING', 'CRITICAL', 'UNKNOWN']

export interface CheckLimits {
  /** Lag (messages, summed over the fully replicated queues) above which a backup is WARNING / CRITICAL. */
  warnLag?: number
  critLag?: number
  expectMembers?: number
  /** Seconds a backup had to become ready. */
  graceS: number
}

const PRIMARY = ['active', 'recovering']
const NOT_READY = ['joining', 'catchup']

export const isPrimary = (status: string) => PRIMARY.includes(status)
export const isNotReady = (status: string) => NOT_READY.includes(status)

export function worst(states: readonly CheckState[]): CheckState {
  return states.reduce<CheckState>((w, s) => (RANK.indexOf(s) > RANK.indexOf(w) ? s : w), 'OK')
}

function judged(problems: Problem[], summary: string, perf: PerfDatum[]): Verdict {
  const sorted = [...problems].sort((a, b) => RANK.indexOf(b.state) - RANK.indexOf(a.state))
  return { state: worst(sorted.map((p) => p.state)), problems: sorted, summary, perf }
}

const unreachable = (m: { address: string; error: PythonError }) => `${m.address} unreachable: ${m.error.message}`

/** `check` without --all: the one broker asked. */
export function brokerVerdict(m: MemberHealth, limits: CheckLimits): Verdict {
  if ('error' in m) {
    // a broker that answered without the HA module is a configuration the check cannot judge
    return judged(
      [{ state: m.haMissing ? 'UNKNOWN' : 'CRITICAL', text: m.haMissing ? m.error.message : unreachable(m) }],
      '',
      [],
    )
  }
  const problems: Problem[] = []
  if (m.status === 'recovering') problems.push({ state: 'WARNING', text: `${m.address} is recovering` })
  if (isNotReady(m.status)) {
    problems.push({ state: 'WARNING', text: `${m.address} is ${m.status} after ${limits.graceS} s` })
  }
  return judged(problems, `${m.address} is ${m.status}`, [])
}

/** `check --all`: every member of the brokers URL, in its order. */
export function clusterVerdict(members: readonly MemberHealth[], limits: CheckLimits): Verdict {
  const problems: Problem[] = []
  const answered = members.filter((m) => !('error' in m)) as Extract<MemberHealth, { status: string }>[]
  // the same broker listed twice (two addresses) is one primary, told apart by system id
  const primaries = [...new Map(answered.filter((m) => isPrimary(m.status)).map((m) => [m.systemId, m])).values()]
  if (primaries.length > 1) {
    const list = primaries.map((m) => `${m.address} ${m.status}`).join(', ')
    problems.push({ state: 'CRITICAL', text: `split brain: ${primaries.length} primaries (${list})` })
  } else if (primaries.length === 0) problems.push({ state: 'CRITICAL', text: 'no primary' })
  else if (primaries[0].status === 'recovering') {
    problems.push({ state: 'WARNING', text: `primary ${primaries[0].address} is recovering` })
  }
  for (const m of members) {
    if ('error' in m) problems.push({ state: 'WARNING', text: m.haMissing ? m.error.message : unreachable(m) })
    else if (isNotReady(m.status) && primaries.length > 0) {
      problems.push({ state: 'WARNING', text: `${m.address} is ${m.status} after ${limits.graceS} s` })
    } else if (m.lag !== undefined) {
      const over = (limit?: number) => limit !== undefined && m.lag !== undefined && m.lag > limit
      const state: CheckState | undefined = over(limits.critLag)
        ? 'CRITICAL'
        : over(limits.warnLag)
          ? 'WARNING'
          : undefined
      if (state) problems.push({ state, text: `${m.address} lags ${m.lag} messages` })
    }
  }
  if (limits.expectMembers !== undefined && members.length !== limits.expectMembers) {
    problems.push({
      state: 'WARNING',
      text: `${members.length} members in the brokers URL, expected ${limits.expectMembers}`,
    })
  }
  const count = (status: string) => answered.filter((m) => m.status === status).length
  const ready = count('ready')
  const listed = `${members.length} member${members.length === 1 ? '' : 's'}`
  const summary =
    primaries.length === 1 ? `${listed}: ${primaries[0].address} ${primaries[0].status}, ${ready} ready` : listed
  const perf: PerfDatum[] = [
    { label: 'members', value: members.length, min: 0 },
    { label: 'reachable', value: answered.length, min: 0 },
    { label: 'primaries', value: primaries.length, min: 0 },
    { label: 'ready', value: ready, min: 0 },
    ...answered
      .filter((m) => m.lag !== undefined)
      .map((m) => ({
        label: `lag ${m.address}`,
        value: m.lag ?? 0,
        warn: limits.warnLag,
        crit: limits.critLag,
        min: 0,
      })),
  ]
  return judged(problems, summary, perf)
}
