// What qpid-config's destructive commands find on the broker before a --dry-run or a
// confirmation: the objects the change would touch, read with the same QMF queries the listings use.
import type { QmfConsole } from '../../protocol/qmf-types.js'
import { refName } from '../../protocol/qmf-types.js'
import {
  brokerShutdown,
  exchangeDeletion,
  objectDeletion,
  type Plan,
  queueDeletion,
  unbinding,
} from '../../render/preview.js'

const objectName = (type: string, name: string) => `org.apache.qpid.broker:${type}:${name}`

export async function queueDeletionPlan(
  agent: QmfConsole,
  name: string,
  guards: { ifEmpty: boolean; ifUnused: boolean },
): Promise<Plan> {
  const q = await agent.getObject(objectName('queue', name))
  const facts = q && {
    messages: Number(q.values.msgDepth ?? 0),
    consumers: Number(q.values.consumerCount ?? 0),
    alternateExchange: refName(q.values.altExchange),
  }
  return queueDeletion(name, facts, guards)
}

export async function exchangeDeletionPlan(agent: QmfConsole, name: string): Promise<Plan> {
  if (name === '') return exchangeDeletion(name, undefined)
  const [exchanges, queues] = await Promise.all([agent.query('exchange'), agent.query('queue')])
  const ex = exchanges.find((e) => e.values.name === name)
  const alternateOf = [...queues.map((q) => ['queue', q] as const), ...exchanges.map((e) => ['exchange', e] as const)]
    .filter(([, o]) => refName(o.values.altExchange) === name)
    .map(([kind, o]) => `${kind} ${String(o.values.name)}`)
  const facts = ex && { type: String(ex.values.type), bindings: Number(ex.values.bindingCount ?? 0), alternateOf }
  return exchangeDeletion(name, facts)
}

/** `del <type> <name>`; a binding is named `<exchange>/<queue>/<key>`, as the broker reads it. */
export async function objectDeletionPlan(agent: QmfConsole, type: string, name: string): Promise<Plan> {
  const [exchange, queue, ...key] = name.split('/')
  if (type === 'binding' && queue !== undefined) return unbindingPlan(agent, exchange, queue, key.join('/'))
  const objects = await agent.query(type)
  return objectDeletion(
    type,
    name,
    objects.some((o) => o.values.name === name),
  )
}

export async function unbindingPlan(agent: QmfConsole, exchange: string, queue: string, key: string): Promise<Plan> {
  const [ex, q] = await Promise.all([
    agent.getObject(objectName('exchange', exchange)),
    agent.getObject(objectName('queue', queue)),
  ])
  const bindings = ex && q ? await agent.query('binding') : []
  const bound = bindings.some(
    (b) =>
      refName(b.values.exchangeRef) === exchange &&
      refName(b.values.queueRef) === queue &&
      String(b.values.bindingKey ?? '') === key,
  )
  return unbinding(exchange, queue, key, { exchange: ex !== undefined, queue: q !== undefined, bound })
}

export async function shutdownPlan(agent: QmfConsole, address: string): Promise<Plan> {
  const [queues, connections] = await Promise.all([agent.query('queue'), agent.query('connection')])
  const depths = queues.map((q) => Number(q.values.msgDepth ?? 0)).filter((n) => n > 0)
  const messages = depths.reduce((a, b) => a + b, 0)
  // the tool's own connection is one of them
  return brokerShutdown(address, { messages, queues: depths.length, connections: Math.max(0, connections.length - 1) })
}
