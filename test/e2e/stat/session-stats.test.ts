// The connection, session and subscription statistics behind qpid-stat -c/-u, read over QMF for
// AMQP 1.0 clients: credit, unacknowledged deliveries, message and byte counters.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { type QmfObject, refName } from '../../../src/protocol/qmf-types.js'
import { parseBrokerUrl } from '../../../src/protocol/url.js'
import { BrokerAgent } from '../../../src/qmf/console.js'
import { startBroker } from '../../helpers/broker.js'
import { run } from '../../helpers/run.js'
import { consume, createQueue, openClient, roundTrip, send } from '../../helpers/stat-traffic.js'

describe('session and connection statistics for AMQP 1.0 clients', () => {
  it('tracks credit, unacked deliveries and traffic counters', async (t) => {
    const broker = await startBroker(t)
    await createQueue(broker.port, 'qc')
    const producer = await openClient(broker.port, 'stat-producer', 1)
    const consumer = await openClient(broker.port, 'stat-consumer', 2)
    t.after(() => {
      producer.conn.close()
      consumer.conn.close()
    })
    const agent = await BrokerAgent.connect({
      url: parseBrokerUrl(broker.address),
      timeoutMs: 5000,
      clientProcess: 'stat-e2e',
    })
    t.after(() => agent.close())
    const sessionOf = async (address: string): Promise<QmfObject> => {
      const sessions = (await agent.query('session')).filter((s) => refName(s.values.connectionRef) === address)
      assert.equal(sessions.length, 1)
      return sessions[0]
    }
    const connectionOf = async (address: string): Promise<QmfObject> =>
      (await agent.query('connection')).find((c) => c.values.address === address)!

    // a consumer granting 10 credits on an empty queue
    const { receiver, deliveries } = await consume(consumer.conn, 'qc', 'sub', 0, { ack: false })
    receiver.add_credit(10)
    await roundTrip(consumer.conn)
    let session = await sessionOf(consumer.address)
    assert.deepEqual([session.values.clientCredit, session.values.unackedMessages], [10, 0])

    // consume() keeps collecting into `deliveries` (its handler runs before this one)
    const arrived = new Promise<void>((resolve) => receiver.on('message', () => deliveries.length === 3 && resolve()))
    await send(producer.conn, 'qc', [{ body: 'a' }, { body: 'b' }, { body: 'c' }])
    await arrived
    session = await sessionOf(consumer.address)
    assert.deepEqual([session.values.clientCredit, session.values.unackedMessages], [7, 3])
    const [sub] = (await agent.query('subscription')).filter((s) => s.values.name === 'sub')
    assert.deepEqual([sub.values.delivered, sub.values.acknowledged, sub.values.creditMode], [3, true, 'CREDIT'])

    for (const d of deliveries) d.accept()
    await roundTrip(consumer.conn)
    session = await sessionOf(consumer.address)
    assert.deepEqual([session.values.clientCredit, session.values.unackedMessages], [7, 0])

    const p = await connectionOf(producer.address)
    const c = await connectionOf(consumer.address)
    assert.deepEqual([p.values.msgsFromClient, p.values.msgsToClient], [3, 0])
    assert.deepEqual([c.values.msgsFromClient, c.values.msgsToClient], [0, 3])
    assert.equal(p.values.framesFromClient, 3)
    assert.ok((p.values.bytesFromClient as number) > 0 && (c.values.bytesToClient as number) > 0)
    assert.ok(c.updateTs >= p.createTs)

    // two more taken but never settled, then the consumer goes away: released back to the queue
    const more = new Promise<void>((resolve) => receiver.on('message', () => deliveries.length === 5 && resolve()))
    await send(producer.conn, 'qc', [{ body: 'd' }, { body: 'e' }])
    await more
    const detached = new Promise<void>((resolve) => receiver.once('receiver_close', () => resolve()))
    receiver.close()
    await detached
    const r = await run('qpid-stat', ['-b', broker.address, '-q', 'qc'])
    assert.equal(r.code, 0)
    const stats = Object.fromEntries(
      r.stdout
        .split('\n')
        .filter((l) => /^ {2}[a-z-]+ +[\d,]+/.test(l))
        .map((l) => l.trim().split(/ +/)),
    )
    assert.deepEqual(
      [stats['queue-depth'], stats['total-enqueues'], stats['total-dequeues'], stats.acquires, stats.releases],
      ['2', '5', '3', '5', '2'],
    )
  })
})
