// The qpid-ha additions against a cluster of the real qpidd 1.40 (test/helpers/real-qpidd.ts): they
// read only standard QMF (the habroker object, queue statistics), so they must answer the same
// against it as against qpidd-ref. Skipped, with the reason, where the real broker is absent.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { QmfMap } from '../../../src/protocol/qmf-types.js'
import {
  activeCluster,
  type Cluster,
  haStatus,
  queueDepth,
  send,
  suiteScope,
  waitStatus,
  withAgent,
} from '../../helpers/ha-cluster.js'
import { runJson } from '../../helpers/json-run.js'
import { realQpiddMissing } from '../../helpers/real-qpidd.js'
import { run } from '../../helpers/run.js'

const missing = realQpiddMissing()

describe('qpid-ha additions against the real qpidd', { skip: missing }, () => {
  const scope = suiteScope()
  let c: Cluster
  let a: string[]
  before(async () => {
    c = await activeCluster(scope.t, 3, [], { real: true })
    a = c.brokers.map((b) => b.address)
    await withAgent(a[0], async (x) => {
      const create = (type: string, name: string, properties: QmfMap) =>
        x.callMethod('org.apache.qpid.broker:broker:amqp-broker', 'create', { type, name, properties, strict: true })
      await create('queue', 'orders', { 'qpid.replicate': 'all' })
      await create('exchange', 'events', { 'exchange-type': 'topic', 'qpid.replicate': 'all' })
      await create('binding', 'events/orders/order.#', {})
    })
    const sent = await send(a[0], 'orders', 10)
    await sent.confirmed
    sent.close()
  })
  after(() => scope.stopAll())

  it('check --all is OK with no lag', async () => {
    const r = await run('qpid-ha', ['check', '--all', '-b', a[1], '--warn-lag', '0'])
    assert.equal(r.code, 0, r.stdout)
    assert.match(r.stdout, new RegExp(`^QPID-HA OK - 3 members: ${a[0].replaceAll('.', '\\.')} active, 2 ready \\|`))
  })

  it('lag shows every backup holding the 10 messages', async () => {
    const r = await runJson('qpid-ha', ['lag', '-b', a[2]])
    assert.equal(r.code, 0)
    const lag = r.doc.lag as {
      primary: unknown
      backups: Array<{ address: string; messages: number; queues: unknown[] }>
    }
    assert.deepEqual(lag.primary, { address: a[0], status: 'active' })
    assert.deepEqual(
      lag.backups.map((b) => [b.address, b.messages, b.queues.length]),
      [
        [a[1], 0, 1],
        [a[2], 0, 1],
      ],
    )
  })

  it('diff finds every backup in step', async () => {
    // the backups apply configuration asynchronously: ask until they are in step, within 5 s
    let r = await run('qpid-ha', ['diff', '-b', a[1]])
    for (let i = 0; i < 50 && r.code !== 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100))
      r = await run('qpid-ha', ['diff', '-b', a[1]])
    }
    assert.deepEqual(r, {
      code: 0,
      stderr: '',
      stdout:
        `Primary ${a[0]} active: 1 replicated queue, 1 replicated exchange, 1 replicated binding\n` +
        `Backup ${a[1]} ready: no differences\nBackup ${a[2]} ready: no differences\n`,
    })
  })

  it('switchover stops the real primary and promotes the backup, which keeps the messages', async () => {
    const r = await run('qpid-ha', ['switchover', '-b', a[2], '--to', a[1]])
    assert.equal(r.code, 0, r.stdout)
    assert.match(r.stdout, new RegExp(`^Switched over: ${a[1].replaceAll('.', '\\.')} is the primary`))
    assert.equal(await haStatus(a[1]), 'active')
    await waitStatus(a[2], 'ready')
    assert.equal(await queueDepth(a[1], 'orders'), 10)
  })
})
