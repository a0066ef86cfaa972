// Replication lag, the one formula behind `qpid-ha lag` and `qpid-ha check --all` (docs/ha.md):
// for each of the primary's fully replicated queues (`qpid.replicate` all; configuration-level
// queues have no replicated messages), how far the backup's copy is from the primary's, in
// messages and bytes of depth. A queue the backup lacks counts whole. Pure: plain QMF objects in.
import type { QmfObject } from '../../protocol/qmf-types.js'
import type { QueueFigures, QueueLag } from '../../render/ha-lag.js'

const num = (v: unknown) => (typeof v === 'number' ? v : Number(v ?? 0))

function figures(q: QmfObject): QueueFigures {
  return { depth: num(q.values.msgDepth), bytes: num(q.values.byteDepth), enqueues: num(q.values.msgTotalEnqueues) }
}

function fullyReplicated(q: QmfObject): boolean {
  const args = q.values.arguments
  return typeof args === 'object' && args !== null && (args as Record<string, unknown>)['qpid.replicate'] === 'all'
}

/** One row per fully replicated queue of the primary, in the primary's order. */
export function queueLags(primary: readonly QmfObject[], backup: readonly QmfObject[]): QueueLag[] {
  const copies = new Map(backup.map((q) => [String(q.values.name), q]))
  return primary.filter(fullyReplicated).map((q) => {
    const name = String(q.values.name)
    const p = figures(q)
    const copy = copies.get(name)
    const b = copy ? figures(copy) : undefined
    return {
      queue: name,
      primary: p,
      ...(b ? { backup: b } : {}),
      // a copy can briefly hold more than the primary (an acknowledgement not yet replicated)
      lagMessages: Math.abs(p.depth - (b?.depth ?? 0)),
      lagBytes: Math.abs(p.bytes - (b?.bytes ?? 0)),
      progress: !b ? 0 : b.depth >= p.depth ? 1 : b.depth / p.depth,
    }
  })
}

/** What the backup would be missing if promoted now. */
export function totalLag(lags: readonly QueueLag[]): { messages: number; bytes: number } {
  return lags.reduce((t, l) => ({ messages: t.messages + l.lagMessages, bytes: t.bytes + l.lagBytes }), {
    messages: 0,
    bytes: 0,
  })
}
