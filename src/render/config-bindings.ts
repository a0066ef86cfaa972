// `qpid-config exchanges -r` and `queues -r` (tools.md §1.4.4-1.4.5): each exchange or queue with
// its bindings. The original matches bindings to objects by the referenced name.
import { type QmfMap, type QmfObject, refName } from '../protocol/qmf-types.js'
import { matches } from './config-text.js'
import { pyRepr } from './pyrepr.js'

const nameOf = (o: QmfObject) => String(o.values.name ?? '')

/** Bindings grouped by the name they reference (`exchangeRef` or `queueRef`), each group in query order. */
export function bindingsBy(bindings: readonly QmfObject[], ref: 'exchangeRef' | 'queueRef'): Map<string, QmfObject[]> {
  const groups = new Map<string, QmfObject[]>()
  for (const b of bindings) {
    const name = refName(b.values[ref])
    const group = groups.get(name)
    if (group) group.push(b)
    else groups.set(name, [b])
  }
  return groups
}

function bindLine(binding: QmfObject, target: string): string {
  const args = binding.values.arguments as QmfMap | undefined | null
  const suffix = args && Object.keys(args).length > 0 ? ` ${pyRepr(args)}` : ''
  return `    bind [${String(binding.values.bindingKey ?? '')}] => ${target}${suffix}`
}

export function renderExchangeBindings(
  exchanges: readonly QmfObject[],
  bindings: readonly QmfObject[],
  queues: readonly QmfObject[],
  filter: string,
  ignoreDefault: boolean,
): string[] {
  const queueNames = new Set(queues.map(nameOf))
  const byExchange = bindingsBy(bindings, 'exchangeRef')
  const lines: string[] = []
  for (const ex of exchanges) {
    const name = nameOf(ex)
    if ((ignoreDefault && name === '') || !matches(name, filter)) continue
    lines.push(`Exchange '${name}' (${String(ex.values.type ?? '')})`)
    for (const b of byExchange.get(name) ?? []) {
      const q = refName(b.values.queueRef)
      lines.push(bindLine(b, queueNames.has(q) ? q : '<unknown>'))
    }
  }
  return lines
}

export function renderQueueBindings(
  exchanges: readonly QmfObject[],
  bindings: readonly QmfObject[],
  queues: readonly QmfObject[],
  filter: string,
  ignoreDefault: boolean,
): string[] {
  const exchangeNames = new Set(exchanges.map(nameOf))
  const byQueue = bindingsBy(bindings, 'queueRef')
  const lines: string[] = []
  for (const q of queues) {
    const name = nameOf(q)
    if (!matches(name, filter)) continue
    lines.push(`Queue '${name}'`)
    for (const b of byQueue.get(name) ?? []) {
      const ex = refName(b.values.exchangeRef)
      let target = '<unknown>'
      if (exchangeNames.has(ex)) {
        if (ex === '' && ignoreDefault) continue
        target = ex === '' ? "''" : ex
      }
      lines.push(bindLine(b, target))
    }
  }
  return lines
}
