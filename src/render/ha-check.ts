// qpid-ha check's output (Nagios/Icinga plugin contract, docs/ha.md): one status line,
// `QPID-HA <STATE> - <what is wrong, worst first, or a summary> | <performance data>`, and its
// --json document. The judgement itself is services/ha/check-verdict.ts.
import type { PythonError } from '../protocol/errors.js'
import type { JsonDocument, JsonValue } from './json.js'

export type CheckState = 'OK' | 'WARNING' | 'CRITICAL' | 'UNKNOWN'

/** One member as the check found it: its HA status and, for a ready backup, its lag in messages. */
export type MemberHealth =
  | { address: string; status: string; systemId: string; lag?: number }
  | { address: string; error: PythonError; haMissing?: boolean }

export interface Problem {
  state: CheckState
  text: string
}

export interface PerfDatum {
  label: string
  value: number
  unit?: string
  warn?: number
  crit?: number
  min?: number
}

export interface Verdict {
  state: CheckState
  /** Worst first; empty when OK. */
  problems: Problem[]
  /** What the status line says when there is no problem. */
  summary: string
  perf: PerfDatum[]
}

const opt = (n: number | undefined) => (n === undefined ? '' : String(n))

/** `'label'=value[unit];[warn];[crit];[min]`, trailing empty fields left out. */
export function perfText(p: PerfDatum): string {
  const fields = [`${p.value}${p.unit ?? ''}`, opt(p.warn), opt(p.crit), opt(p.min)]
  while (fields.at(-1) === '') fields.pop()
  return `'${p.label}'=${fields.join(';')}`
}

export function checkLine(v: Verdict): string {
  const text = v.problems.length > 0 ? v.problems.map((p) => p.text).join('; ') : v.summary
  const perf = v.perf.map(perfText).join(' ')
  return `QPID-HA ${v.state} - ${text}${perf === '' ? '' : ` | ${perf}`}\n`
}

/** The line of a check that could not be made (bad options, an unexpected failure): UNKNOWN. */
export function unknownLine(message: string): string {
  return `QPID-HA UNKNOWN - ${message}\n`
}

function memberJson(m: MemberHealth): { [key: string]: JsonValue } {
  if ('error' in m) return { address: m.address, error: { type: m.error.pythonClass, message: m.error.message } }
  return { address: m.address, status: m.status, ...(m.lag === undefined ? {} : { lag: m.lag }) }
}

export function checkJson(
  broker: string,
  v: Verdict,
  exitCode: number,
  members: readonly MemberHealth[],
): JsonDocument {
  return {
    broker,
    check: {
      state: v.state,
      exitCode,
      line: checkLine(v).trimEnd(),
      problems: v.problems.map((p) => ({ state: p.state, text: p.text })),
      members: members.map(memberJson),
      perfdata: Object.fromEntries(v.perf.map((p) => [p.label, p.value])),
    },
  }
}
