// `qpid-ha lag` on a terminal: the same summary and figures as ha-lag.ts, in a boxed table with
// numbers grouped and right-aligned, for a person rather than a script. cli-table3 is loaded only
// here, when stdout is a terminal, so piped runs never pay for it. No colours: the tools' output
// guard escapes control characters, and a monitor's terminal may not show them.
import { type LagReport, lagSummary, progressText } from './ha-lag.js'

const grouped = (n: number) => n.toLocaleString('en-US')

export async function lagTable(r: LagReport): Promise<string> {
  const rows = r.backups.flatMap((b) => ('error' in b ? [] : b.queues.map((l) => ({ b, l }))))
  if (rows.length === 0) return lagSummary(r)
  const { default: Table } = await import('cli-table3')
  const t = new Table({
    head: ['Backup', 'Queue', 'Messages', 'On backup', 'Lag', 'Bytes', 'Lag bytes', 'Enqueues', 'On backup', 'Copied'],
    colAligns: ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
    style: { head: [], border: [] },
    // one rule under the header, none between rows
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  })
  for (const { b, l } of rows) {
    const copy = (n: number | undefined) => (n === undefined ? '-' : grouped(n))
    t.push([
      b.address,
      l.queue,
      grouped(l.primary.depth),
      copy(l.backup?.depth),
      grouped(l.lagMessages),
      grouped(l.primary.bytes),
      grouped(l.lagBytes),
      grouped(l.primary.enqueues),
      copy(l.backup?.enqueues),
      progressText(l),
    ])
  }
  return `${lagSummary(r)}\n${t.toString()}\n`
}
