// Replication on a 3-broker qpidd-ref cluster: levels, the bindings rule, message state on the
// backups through every kind of dequeue, acquired-but-unacknowledged messages, failover with
// catch-up of the surviving backup, and reconciliation when a backup comes back.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { startBroker } from '../../helpers/broker.js'
import {
  activeCluster,
  browse,
  createQueue,
  HA_ARGS,
  haStatus,
  promote,
  queueDepth,
  range,
  receive,
  send,
  waitFor,
  waitStatus,
  withAgent,
} from '../../helpers/ha-cluster.js'
import { golden } from '../../helpers/ha-golden.js'
import { run } from '../../helpers/run.js'

const depthIs = (address: string, q: string, n: number | undefined) => async () => (await queueDepth(address, q)) === n

async function queueNames(address: string): Promise<string[]> {
  return withAgent(address, async (a) =>
    (await a.query('queue'))
      .map((q) => String(q.values.name))
      .filter((n) => !n.includes('-'))
      .sort(),
  )
}

async function bindingsOf(address: string, exchange: string): Promise<string[]> {
  return withAgent(address, async (a) => {
    const ex = `org.apache.qpid.broker:exchange:${exchange}`
    return (await a.query('binding'))
      .filter((b) => String((b.values.exchangeRef as Record<string, unknown>)?._object_name) === ex)
      .map(
        (b) =>
          `${String((b.values.queueRef as Record<string, unknown>)._object_name).split(':')[2]}/${b.values.bindingKey}`,
      )
      .sort()
  })
}

describe('HA replication', () => {
  it('replicates by level: all (config + messages), configuration (no messages), none (nothing); bindings only between replicated ends', async (t) => {
    const c = await activeCluster(t)
    const [p, b1, b2] = c.brokers.map((b) => b.address)
    const config = (...args: string[]) => run('qpid-config', ['-b', p, ...args])
    for (const args of [
      ['add', 'queue', 'qa', '--replicate', 'all'],
      ['add', 'queue', 'qc', '--replicate', 'configuration'],
      ['add', 'queue', 'qn'],
      ['add', 'exchange', 'topic', 'x', '--replicate', 'all'],
      ['bind', 'x', 'qa', 'ka'],
      ['bind', 'x', 'qc', 'kc'],
      ['bind', 'x', 'qn', 'kn'],
      ['bind', 'amq.fanout', 'qa'],
    ]) {
      const r = await config(...args)
      assert.equal(r.code, 0, `${args.join(' ')}: ${r.stdout}${r.stderr}`)
    }
    for (const q of ['qa', 'qc', 'qn']) await (await send(p, q, 5)).confirmed
    for (const b of [b1, b2]) {
      await waitFor(`qa on ${b}`, depthIs(b, 'qa', 5))
      assert.deepEqual(await queueNames(b), ['qa', 'qc'])
      assert.equal(await queueDepth(b, 'qc'), 0)
      assert.deepEqual(await bindingsOf(b, 'x'), ['qa/ka', 'qc/kc'])
      assert.deepEqual(await bindingsOf(b, 'amq.fanout'), [])
      assert.deepEqual(await browse(b, 'qa', 5), range(5))
    }
    const listing = await run('qpid-config', ['-b', b2, '--ha-admin', 'queues'])
    assert.match(listing.stdout, /^qc +--replicate=configuration --argument qpid\.ha-uuid=[0-9a-f-]{36}$/m)
    assert.doesNotMatch(listing.stdout, /^qn /m)
    // an unbind and a delete follow
    for (const args of [
      ['unbind', 'x', 'qa', 'ka'],
      ['del', 'queue', 'qc', '--force'],
    ]) {
      const r = await config(...args)
      assert.equal(r.code, 0, `${args.join(' ')}: ${r.stdout}${r.stderr}`)
    }
    await waitFor('unbind and delete on the backup', async () => (await queueNames(b2)).join() === 'qa')
    assert.deepEqual(await bindingsOf(b2, 'x'), [])
  })

  it('keeps acquired messages on backups and follows consume, purge, reroute, ring and last-value dequeues', async (t) => {
    const c = await activeCluster(t, 3, ['--ha-replicate', 'all'])
    const [p, , b2] = c.brokers.map((b) => b.address)
    await createQueue(p, 'qd')
    await (await send(p, 'qd', 10)).confirmed
    await waitFor('10 on backup', depthIs(b2, 'qd', 10))
    const held = await receive(p, 'qd', 3, { ack: false })
    assert.deepEqual(held.bodies, range(3))
    assert.equal(await queueDepth(b2, 'qd'), 10, 'acquired but unacknowledged messages stay on the backup')
    for (const d of held.deliveries) d.accept()
    await waitFor('consumed dequeues', depthIs(b2, 'qd', 7))
    await withAgent(p, (a) => a.callMethod('org.apache.qpid.broker:queue:qd', 'purge', { request: 2 }))
    await waitFor('purge', depthIs(b2, 'qd', 5))
    assert.deepEqual(await browse(b2, 'qd', 5), range(10).slice(5))

    await createQueue(p, 'qring', { 'qpid.max_count': 3, 'qpid.policy_type': 'ring' })
    await (await send(p, 'qring', 5)).confirmed
    await waitFor('ring', depthIs(b2, 'qring', 3))
    assert.deepEqual(await browse(b2, 'qring', 3), ['m2', 'm3', 'm4'])

    await createQueue(p, 'qdst')
    await withAgent(p, (a) =>
      a.callMethod('org.apache.qpid.broker:broker:amqp-broker', 'create', {
        type: 'binding',
        name: 'amq.fanout/qdst',
        properties: {},
        strict: true,
      }),
    )
    await withAgent(p, (a) =>
      a.callMethod('org.apache.qpid.broker:queue:qd', 'reroute', {
        request: 2,
        useAltExchange: false,
        exchange: 'amq.fanout',
      }),
    )
    await waitFor('reroute', async () => (await queueDepth(b2, 'qd')) === 3 && (await queueDepth(b2, 'qdst')) === 2)
    assert.deepEqual(await browse(b2, 'qdst', 2), ['m5', 'm6'])

    await createQueue(p, 'qlv', { 'qpid.last_value_queue_key': 'k' })
    await (await send(p, 'qlv', 6, { props: (i) => ({ k: `k${i % 2}` }) })).confirmed
    await waitFor('lvq', depthIs(b2, 'qlv', 2))
    assert.deepEqual((await browse(b2, 'qlv', 2)).sort(), ['m4', 'm5'])
  })

  it('fails over: the surviving backup attaches to the new primary and catches up without a restart', async (t) => {
    const c = await activeCluster(t, 3, ['--ha-replicate', 'all'])
    const [p, b1, b2] = c.brokers.map((b) => b.address)
    await createQueue(p, 'qf')
    await (await send(p, 'qf', 100)).confirmed
    await c.brokers[0].kill()
    await promote(b1)
    await waitStatus(b1, 'active')
    assert.equal(await haStatus(b2), 'ready')
    // golden 140: the dead primary is named with its error, the others with their status
    const all = await run('qpid-ha', ['status', '-b', b1, '--all'])
    assert.deepEqual([all.stdout, all.code], [`${p} [Errno 111] Connection refused\n${b1} active\n${b2} ready\n`, 0])
    assert.equal(await queueDepth(b1, 'qf'), 100, 'every confirmed message is on the new primary')
    await (await send(b1, 'qf', 10, { prefix: 'n' })).confirmed
    await waitFor('catch-up of the surviving backup', depthIs(b2, 'qf', 110))
    const got = await receive(b1, 'qf', 110)
    assert.deepEqual(got.bodies, [...range(100), ...range(10, 'n')])
    await waitFor('dequeues on the surviving backup', depthIs(b2, 'qf', 0))

    // the old primary comes back (same data directory, so the same broker id) and joins as a backup
    await c.start(0)
    const addrs = c.brokers.map((b) => b.address)
    const ids = await Promise.all(
      addrs.map((a) => withAgent(a, async (q) => String((await q.getSingleton('habroker'))?.values.systemId))),
    )
    await waitStatus(addrs[0], 'ready')
    for (const [file, from] of [
      ['142-failover-qpid-ha-status-all-after-old-primary-restart.txt', b1],
      ['143-failover-qpid-ha-query-all-after-rejoin.txt', addrs[0]],
    ] as const) {
      const g = golden(file, addrs, ids)
      const r = await run('qpid-ha', g.args)
      // this cluster runs with --ha-replicate all; the golden's ran with the default none
      const stdout = g.stdout.replaceAll('Replicate:           none', 'Replicate:           all')
      assert.deepEqual([r.stdout, r.code], [stdout, g.code], file)
      assert.ok(g.args.includes(from), `${file} asks ${from}`)
    }
  })

  it('reconciles a backup that comes back: deleted objects go, new ones come, messages catch up', async (t) => {
    const c = await activeCluster(t, 3, ['--ha-replicate', 'all'])
    const [p, , b2] = c.brokers.map((b) => b.address)
    await createQueue(p, 'qx')
    await createQueue(p, 'qy')
    await (await send(p, 'qy', 5)).confirmed
    await waitFor('qy on backup', depthIs(b2, 'qy', 5))
    await c.brokers[2].kill()
    await withAgent(p, (a) =>
      a.callMethod('org.apache.qpid.broker:broker:amqp-broker', 'delete', { type: 'queue', name: 'qx', options: {} }),
    )
    await createQueue(p, 'qz')
    await (await send(p, 'qy', 5, { prefix: 'n' })).confirmed
    const back = await c.start(2)
    await waitStatus(back.address, 'ready')
    assert.deepEqual(await queueNames(back.address), ['qy', 'qz'])
    await waitFor('qy caught up', depthIs(back.address, 'qy', 10))
    assert.deepEqual(await browse(back.address, 'qy', 10), [...range(5), ...range(5, 'n')])
  })

  it('refuses an invalid qpid.replicate value on the primary and creates nothing', async (t) => {
    const c = await activeCluster(t, 2)
    const p = c.brokers[0].address
    await assert.rejects(createQueue(p, 'qbad', { 'qpid.replicate': 'XX' }), /Invalid replication value: XX/)
    assert.equal(await queueDepth(p, 'qbad'), undefined)
  })

  it('a primary restarted from its store still replicates its durable queues to a new backup', async (t) => {
    const c = await activeCluster(t, 1)
    await createQueue(c.brokers[0].address, 'qs', { durable: true, 'qpid.replicate': 'all' })
    await (await send(c.brokers[0].address, 'qs', 5, { durable: true })).confirmed
    await c.brokers[0].kill() // stop() would remove the data directory
    const p = await c.start(0)
    await promote(p.address)
    await waitStatus(p.address, 'active')
    assert.equal(await queueDepth(p.address, 'qs'), 5)
    const b = await startBroker(t, { args: [...HA_ARGS, '--ha-brokers-url', p.address] })
    await waitStatus(b.address, 'ready')
    assert.deepEqual(await browse(b.address, 'qs', 5), range(5))
  })
})
