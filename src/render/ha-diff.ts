// `qpid-ha diff` (not in the original, docs/ha.md): the replicated configuration (queues,
// exchanges, bindings) that differs between the primary and each backup, one line per difference
// under a line per member; --json, one document (docs/json.md).
import type { PythonError } from '../protocol/errors.js'
import { errorJson } from './ha-json.js'
import type { JsonDocument, JsonValue } from './json.js'

export type ObjectKind = 'queue' | 'exchange' | 'binding'

export interface Difference {
  kind: ObjectKind
  /** The queue or exchange name; a binding as `<exchange> -> <queue> key <key>`. */
  name: string
  /** missing: on the primary only; extra: on the backup only; differs: on both, not alike. */
  difference: 'missing' | 'extra' | 'differs'
  /** For `differs`: each property that differs, `<property>: <primary's> on the primary, <backup's> on the backup`. */
  details: string[]
}

export type DiffBackup =
  | { address: string; status: string; differences: Difference[] }
  | { address: string; error: PythonError }

export interface DiffReport {
  primary: { address: string; status: string; queues: number; exchanges: number; bindings: number }
  backups: DiffBackup[]
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`

const WHAT = { missing: 'missing on the backup', extra: 'only on the backup', differs: 'differs' }

function differenceLine(d: Difference): string {
  const details = d.details.length > 0 ? ` (${d.details.join('; ')})` : ''
  return `  ${d.kind} ${d.name}: ${WHAT[d.difference]}${details}`
}

export function diffText(r: DiffReport): string {
  const p = r.primary
  const lines = [
    `Primary ${p.address} ${p.status}: ${plural(p.queues, 'replicated queue')}, ${plural(p.exchanges, 'replicated exchange')}, ${plural(p.bindings, 'replicated binding')}`,
  ]
  for (const b of r.backups) {
    if ('error' in b) {
      lines.push(`Backup ${b.address}: ${b.error.message}`)
      continue
    }
    const n = b.differences.length
    lines.push(`Backup ${b.address} ${b.status}: ${n === 0 ? 'no differences' : plural(n, 'difference')}`)
    lines.push(...b.differences.map(differenceLine))
  }
  return `${lines.join('\n')}\n`
}

/** Whether every backup was asked and holds what the primary holds. */
export const inStep = (r: DiffReport) => r.backups.every((b) => !('error' in b) && b.differences.length === 0)

export function diffJson(broker: string, r: DiffReport): JsonDocument {
  return {
    broker,
    diff: {
      primary: r.primary,
      backups: r.backups.map(
        (b): JsonValue =>
          'error' in b
            ? { address: b.address, error: errorJson(b.error) }
            : {
                address: b.address,
                status: b.status,
                differences: b.differences.map((d) => ({ ...d })),
              },
      ),
    },
  }
}
