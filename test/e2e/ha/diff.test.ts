// qpid-ha diff (issue 9 item 6, docs/ha.md) through the real executable, on a real cluster: in
// step after replicated queues, an exchange and a binding are made on the primary (and local ones
// that are not replicated); then drift made on purpose on one backup over an admin connection
// (a replica deleted, a queue of its own, a binding removed) is reported per object, exit 1.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { QmfMap } from '../../../src/protocol/qmf-types.js'
import { activeCluster, withAgent } from '../../helpers/ha-cluster.js'
import { runJson } from '../../helpers/json-run.js'
import { run } from '../../helpers/run.js'

const BROKER = 'org.apache.qpid.broker:broker:amqp-broker'

test('in step, then drift on one backup: each difference on its own line, exit 1', async (t) => {
  const c = await activeCluster(t)
  const [a, b, d] = c.brokers.map((x) => x.address)
  const create = (address: string, type: string, name: string, properties: QmfMap) =>
    withAgent(address, (x) => x.callMethod(BROKER, 'create', { type, name, properties, strict: true }))
  await create(a, 'queue', 'orders', { 'qpid.replicate': 'all' })
  await create(a, 'queue', 'settings', { 'qpid.replicate': 'configuration' })
  await create(a, 'queue', 'scratch', { 'qpid.replicate': 'none' })
  await create(a, 'exchange', 'events', { 'exchange-type': 'topic', 'qpid.replicate': 'all' })
  await create(a, 'binding', 'events/orders/order.#', {})
  await create(a, 'binding', 'events/settings/setting.#', {})

  const inStep =
    `Primary ${a} active: 2 replicated queues, 1 replicated exchange, 2 replicated bindings\n` +
    `Backup ${b} ready: no differences\n` +
    `Backup ${d} ready: no differences\n`
  // the backups apply the configuration stream asynchronously: ask until they have
  let r = await run('qpid-ha', ['diff', '-b', b])
  for (let i = 0; i < 50 && r.stdout !== inStep; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100))
    r = await run('qpid-ha', ['diff', '-b', b])
  }
  assert.deepEqual(r, { code: 0, stderr: '', stdout: inStep })

  // drift, made behind the primary's back on backup d
  await withAgent(d, async (x) => {
    await x.callMethod(BROKER, 'delete', { type: 'binding', name: 'events/settings/setting.#', options: {} })
    await x.callMethod(BROKER, 'delete', { type: 'queue', name: 'settings', options: {} })
    await x.callMethod(BROKER, 'create', {
      type: 'queue',
      name: 'stray',
      properties: { 'qpid.replicate': 'all' },
      strict: true,
    })
  })
  const drift = await run('qpid-ha', ['diff', '-b', a])
  assert.deepEqual(drift, {
    code: 1,
    stderr: '',
    stdout:
      `Primary ${a} active: 2 replicated queues, 1 replicated exchange, 2 replicated bindings\n` +
      `Backup ${b} ready: no differences\n` +
      `Backup ${d} ready: 3 differences\n` +
      '  queue settings: missing on the backup\n' +
      '  queue stray: only on the backup\n' +
      '  binding events -> settings key "setting.#": missing on the backup\n',
  })
  const json = await runJson('qpid-ha', ['diff', '-b', a])
  assert.equal(json.code, 1)
  const backups = (json.doc.diff as { backups: Array<{ address: string; differences: unknown[] }> }).backups
  assert.deepEqual(backups[1].differences[0], {
    kind: 'queue',
    name: 'settings',
    difference: 'missing',
    details: [],
  })
})
