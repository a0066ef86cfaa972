// `qpid-ha lag` (not in the original, docs/ha.md): how far each backup's copies of the primary's
// fully replicated queues are behind. Piped, plain columns in qpid-stat's table layout, one row
// per backup and queue, so scripts can cut them; --json, one document (docs/json.md). The human
// table for a terminal is ha-lag-table.ts.
import type { PythonError } from '../protocol/errors.js'
import { errorJson } from './ha-json.js'
import type { JsonDocument, JsonValue } from './json.js'
import { table } from './table.js'

export interface QueueFigures {
  depth: number
  bytes: number
  enqueues: number
}

/** One fully replicated queue of the primary beside one backup's copy of it. */
export interface QueueLag {
  queue: string
  primary: QueueFigures
  /** Undefined: the backup has no copy of the queue (yet). */
  backup?: QueueFigures
  lagMessages: number
  lagBytes: number
  /** 0 to 1: how much of the primary's depth the copy holds (0 when it is missing). */
  progress: number
}

export type LagBackup =
  | { address: string; status: string; queues: QueueLag[]; messages: number; bytes: number }
  | { address: string; error: PythonError }

export interface LagReport {
  primary: { address: string; status: string }
  /** How many fully replicated queues the primary has. */
  queues: number
  backups: LagBackup[]
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`

export const percent = (p: number) => `${Math.floor(p * 100)}%`

/** The catch-up column: how much of the queue the copy holds, or that it has none. */
export const progressText = (l: QueueLag) => (l.backup ? percent(l.progress) : 'missing')

const behind = (b: Extract<LagBackup, { queues: unknown }>) => b.queues.filter((l) => l.progress < 1).length

/** The lines above the table: the primary, then each backup's totals (or why it could not be asked). */
export function lagSummary(r: LagReport): string {
  const lines = [`Primary ${r.primary.address} ${r.primary.status}: ${plural(r.queues, 'fully replicated queue')}`]
  for (const b of r.backups) {
    if ('error' in b) {
      lines.push(`Backup ${b.address}: ${b.error.message}`)
      continue
    }
    const catching = behind(b)
    const progress = catching > 0 ? `; ${catching} of ${r.queues} queues catching up` : ''
    lines.push(
      `Backup ${b.address} ${b.status}: lag ${plural(b.messages, 'message')}, ${plural(b.bytes, 'byte')}${progress}`,
    )
  }
  return `${lines.join('\n')}\n`
}

const HEADS = [
  'backup',
  'queue',
  'depth',
  'backup-depth',
  'lag',
  'bytes',
  'backup-bytes',
  'lag-bytes',
  'enqueues',
  'backup-enqueues',
  'progress',
]

/** Every backup's rows, in brokers-URL order, each queue in the primary's order. */
export function lagRows(r: LagReport): string[][] {
  return r.backups.flatMap((b) =>
    'error' in b
      ? []
      : b.queues.map((l) => [
          b.address,
          l.queue,
          String(l.primary.depth),
          l.backup ? String(l.backup.depth) : '-',
          String(l.lagMessages),
          String(l.primary.bytes),
          l.backup ? String(l.backup.bytes) : '-',
          String(l.lagBytes),
          String(l.primary.enqueues),
          l.backup ? String(l.backup.enqueues) : '-',
          progressText(l),
        ]),
  )
}

/** The piped form: summary, a blank line, then the columns (only the summary when no queue is replicated). */
export function lagText(r: LagReport): string {
  const rows = lagRows(r)
  return rows.length === 0 ? lagSummary(r) : `${lagSummary(r)}\n${table('', HEADS, rows).slice(1)}`
}

const figuresJson = (f: QueueFigures): JsonValue => ({ depth: f.depth, bytes: f.bytes, enqueues: f.enqueues })

export function lagJson(broker: string, r: LagReport): JsonDocument {
  return {
    broker,
    lag: {
      primary: r.primary,
      queues: r.queues,
      backups: r.backups.map(
        (b): JsonValue =>
          'error' in b
            ? { address: b.address, error: errorJson(b.error) }
            : {
                address: b.address,
                status: b.status,
                messages: b.messages,
                bytes: b.bytes,
                queues: b.queues.map((l) => ({
                  name: l.queue,
                  primary: figuresJson(l.primary),
                  backup: l.backup ? figuresJson(l.backup) : null,
                  lag: { messages: l.lagMessages, bytes: l.lagBytes },
                  progress: l.progress,
                })),
              },
      ),
    },
  }
}
