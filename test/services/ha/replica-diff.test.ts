// The comparison behind qpid-ha diff (services/ha/replica-diff.ts), fed QMF objects directly.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { QmfMap, QmfObject } from '../../../src/protocol/qmf-types.js'
import { configurationDiff, replicatedCounts } from '../../../src/services/ha/replica-diff.js'

const object = (className: string, values: QmfMap): QmfObject => ({
  objectName: `org.apache.qpid.broker:${className}:${String(values.name)}`,
  className,
  packageName: 'org.apache.qpid.broker',
  values,
  createTs: 0,
  updateTs: 0,
  deleteTs: 0,
})
const ref = (className: string, name: string) => ({ _object_name: `org.apache.qpid.broker:${className}:${name}` })
const queue = (name: string, args: QmfMap, more: QmfMap = {}) =>
  object('queue', { name, durable: false, autoDelete: false, exclusive: false, arguments: args, ...more })
const exchange = (name: string, type: string, args: QmfMap) =>
  object('exchange', { name, type, durable: false, autoDelete: false, arguments: args })
const binding = (ex: string, q: string, key: string) =>
  object('binding', { exchangeRef: ref('exchange', ex), queueRef: ref('queue', q), bindingKey: key, arguments: {} })

const ALL = { 'qpid.replicate': 'all', 'qpid.ha-uuid': 'u1' }

test('properties, arguments and the uuid stamp are compared; unreplicated objects are not', () => {
  const primary = {
    queues: [
      queue('q1', { ...ALL, 'qpid.max_count': 10 }),
      queue('q2', ALL, { durable: true }),
      queue('local', { 'qpid.replicate': 'none' }),
    ],
    exchanges: [exchange('ex', 'topic', ALL), exchange('amq.direct', 'direct', {})],
    bindings: [binding('ex', 'q1', 'a.#'), binding('amq.direct', 'q1', 'q1'), binding('ex', 'local', 'x')],
  }
  const backup = {
    queues: [queue('q1', { ...ALL, 'qpid.ha-uuid': 'u0', 'qpid.max_count': 20 }), queue('q2', ALL)],
    exchanges: [exchange('ex', 'fanout', ALL)],
    bindings: [],
  }
  assert.deepEqual(replicatedCounts(primary), { queues: 2, exchanges: 1, bindings: 1 })
  assert.deepEqual(configurationDiff(primary, backup), [
    {
      kind: 'queue',
      name: 'q1',
      difference: 'differs',
      details: [
        'qpid.ha-uuid: "u1" on the primary, "u0" on the backup',
        'qpid.max_count: 10 on the primary, 20 on the backup',
      ],
    },
    {
      kind: 'queue',
      name: 'q2',
      difference: 'differs',
      details: ['durable: true on the primary, false on the backup'],
    },
    {
      kind: 'exchange',
      name: 'ex',
      difference: 'differs',
      details: ['type: "topic" on the primary, "fanout" on the backup'],
    },
    { kind: 'binding', name: 'ex -> q1 key "a.#"', difference: 'missing', details: [] },
  ])
  assert.deepEqual(configurationDiff(primary, primary), [])
})
