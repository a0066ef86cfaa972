// The replicated configuration of two brokers compared (qpid-ha diff, docs/ha.md). Replicated
// objects are those whose arguments carry `qpid.replicate` `configuration` or `all` (what backups
// replicate); a binding counts when its exchange and its queue are both replicated on that broker.
// Queues and exchanges are compared by name, then property by property, arguments key by key (the
// `qpid.ha-uuid` stamp included: a different one means the backup holds an older object of that
// name); bindings by exchange, queue and key. Pure: plain QMF objects in.
import { type QmfMap, type QmfObject, type QmfValue, refName } from '../../protocol/qmf-types.js'
import type { Difference, ObjectKind } from '../../render/ha-diff.js'
import { jsonValue } from '../../render/json.js'

export interface Configuration {
  queues: QmfObject[]
  exchanges: QmfObject[]
  bindings: QmfObject[]
}

const REPLICATED = ['configuration', 'all']

const argumentsOf = (o: QmfObject): QmfMap =>
  typeof o.values.arguments === 'object' && o.values.arguments !== null ? (o.values.arguments as QmfMap) : {}

const isReplicated = (o: QmfObject) => REPLICATED.includes(String(argumentsOf(o)['qpid.replicate']))

const nameOf = (o: QmfObject) => String(o.values.name ?? '')

/** The properties compared besides the arguments, per kind. */
const PROPERTIES: Record<'queue' | 'exchange', string[]> = {
  queue: ['durable', 'autoDelete', 'exclusive', 'altExchange'],
  exchange: ['type', 'durable', 'autoDelete', 'altExchange'],
}

const shown = (v: QmfValue | undefined) => (v === undefined ? 'absent' : JSON.stringify(jsonValue(v)))
const same = (a: QmfValue | undefined, b: QmfValue | undefined) =>
  JSON.stringify(jsonValue(a)) === JSON.stringify(jsonValue(b))

function propertyDetails(kind: 'queue' | 'exchange', p: QmfObject, b: QmfObject): string[] {
  const details: string[] = []
  const detail = (name: string, x: QmfValue | undefined, y: QmfValue | undefined) => {
    if (!same(x, y)) details.push(`${name}: ${shown(x)} on the primary, ${shown(y)} on the backup`)
  }
  for (const prop of PROPERTIES[kind]) {
    const value = (o: QmfObject) => (prop === 'altExchange' ? refName(o.values[prop]) || undefined : o.values[prop])
    detail(prop, value(p), value(b))
  }
  const pa = argumentsOf(p)
  const ba = argumentsOf(b)
  for (const key of [...new Set([...Object.keys(pa), ...Object.keys(ba)])].sort()) detail(key, pa[key], ba[key])
  return details
}

function compareNamed(kind: 'queue' | 'exchange', primary: QmfObject[], backup: QmfObject[]): Difference[] {
  const copies = new Map(backup.filter(isReplicated).map((o) => [nameOf(o), o]))
  const out: Difference[] = []
  for (const p of primary.filter(isReplicated)) {
    const copy = copies.get(nameOf(p))
    copies.delete(nameOf(p))
    if (!copy) out.push({ kind, name: nameOf(p), difference: 'missing', details: [] })
    else {
      const details = propertyDetails(kind, p, copy)
      if (details.length > 0) out.push({ kind, name: nameOf(p), difference: 'differs', details })
    }
  }
  for (const name of copies.keys()) out.push({ kind, name, difference: 'extra', details: [] })
  return out
}

/** A broker's replicated bindings by `<exchange> -> <queue> key <key>`. */
export function replicatedBindings(c: Configuration): Map<string, QmfObject> {
  const queues = new Set(c.queues.filter(isReplicated).map(nameOf))
  const exchanges = new Set(c.exchanges.filter(isReplicated).map(nameOf))
  const bindings = new Map<string, QmfObject>()
  for (const b of c.bindings) {
    const exchange = refName(b.values.exchangeRef)
    const queue = refName(b.values.queueRef)
    if (exchanges.has(exchange) && queues.has(queue)) {
      bindings.set(`${exchange} -> ${queue} key ${JSON.stringify(String(b.values.bindingKey ?? ''))}`, b)
    }
  }
  return bindings
}

function compareBindings(primary: Configuration, backup: Configuration): Difference[] {
  const kind: ObjectKind = 'binding'
  const copies = replicatedBindings(backup)
  const out: Difference[] = []
  for (const name of replicatedBindings(primary).keys()) {
    if (!copies.delete(name)) out.push({ kind, name, difference: 'missing', details: [] })
  }
  for (const name of copies.keys()) out.push({ kind, name, difference: 'extra', details: [] })
  return out
}

/** Every difference of the backup's replicated configuration from the primary's: queues, exchanges, bindings. */
export function configurationDiff(primary: Configuration, backup: Configuration): Difference[] {
  return [
    ...compareNamed('queue', primary.queues, backup.queues),
    ...compareNamed('exchange', primary.exchanges, backup.exchanges),
    ...compareBindings(primary, backup),
  ]
}

/** How many replicated queues, exchanges and bindings a broker has. */
export function replicatedCounts(c: Configuration): { queues: number; exchanges: number; bindings: number } {
  return {
    queues: c.queues.filter(isReplicated).length,
    exchanges: c.exchanges.filter(isReplicated).length,
    bindings: replicatedBindings(c).size,
  }
}
