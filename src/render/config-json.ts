// qpid-config's `--json` documents (docs/json.md): the same selection as the text listings, as
// row objects keyed by QMF property name.
import { type QmfMap, type QmfObject, refName } from '../protocol/qmf-types.js'
import { bindingsBy } from './config-bindings.js'
import type { Overview } from './config-overview.js'
import { matches } from './config-text.js'
import { type JsonValue, jsonObject } from './json.js'

type Row = { [key: string]: JsonValue }

const nameOf = (o: QmfObject) => String(o.values.name ?? '')

function bindingRow(b: QmfObject, other: 'exchange' | 'queue'): Row {
  const ref = other === 'exchange' ? b.values.exchangeRef : b.values.queueRef
  return {
    [other]: refName(ref),
    bindingKey: String(b.values.bindingKey ?? ''),
    arguments: jsonObject((b.values.arguments ?? {}) as QmfMap),
  }
}

export function overviewJson(o: Overview): Row {
  return {
    exchanges: o.exchanges,
    exchangeTypes: Object.fromEntries(o.exchangeTypes),
    queues: o.queues,
    durableQueues: o.durableQueues,
    nonDurableQueues: o.queues - o.durableQueues,
  }
}

/** Matching queues; with `bindings` given (`-r`), each row gets its `bindings` array. */
export function queuesJson(queues: readonly QmfObject[], filter: string, bindings?: readonly QmfObject[]): Row[] {
  const byQueue = bindings && bindingsBy(bindings, 'queueRef')
  return queues
    .filter((q) => matches(nameOf(q), filter))
    .map((q) => {
      const row = jsonObject(q.values)
      if (byQueue) row.bindings = (byQueue.get(nameOf(q)) ?? []).map((b) => bindingRow(b, 'exchange'))
      return row
    })
}

/** Matching exchanges (the default one skipped with --ignore-default); `-r` adds `bindings`. */
export function exchangesJson(
  exchanges: readonly QmfObject[],
  filter: string,
  ignoreDefault: boolean,
  bindings?: readonly QmfObject[],
): Row[] {
  const byExchange = bindings && bindingsBy(bindings, 'exchangeRef')
  return exchanges
    .filter((ex) => matches(nameOf(ex), filter) && !(ignoreDefault && nameOf(ex) === ''))
    .map((ex) => {
      const row = jsonObject(ex.values)
      if (byExchange) row.bindings = (byExchange.get(nameOf(ex)) ?? []).map((b) => bindingRow(b, 'queue'))
      return row
    })
}

/** `list <type>` rows: the chosen columns, or every property when no --show-property was given. */
export function listJson(objects: readonly QmfObject[], columns?: readonly string[]): Row[] {
  return objects.map((o) => {
    const all = jsonObject(o.values)
    if (!columns) return all
    return Object.fromEntries(columns.map((c) => [c, c in all ? all[c] : null]))
  })
}
