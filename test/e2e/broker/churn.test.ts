// Churn: many short-lived connections creating and deleting queues, subscribing to exchanges,
// sending, receiving and disconnecting abruptly while QMF queries run. The broker must stay up, log
// no internal errors, and end with no leftover temporary queues.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { startBroker } from '../../helpers/broker.js'
import {
  close,
  connect,
  eventually,
  method,
  openSender,
  plain,
  qmfSession,
  queryClass,
  receive,
} from '../../helpers/rhea-client.js'

test('connection and queue churn with concurrent QMF queries', async (t) => {
  const b = await startBroker(t)
  const admin = await connect(b.port)
  const q = await qmfSession(admin)
  const worker = async (w: number) => {
    for (let round = 0; round < 5; round++) {
      const conn = await connect(b.port)
      const name = `churn-${w}-${round}`
      const qs = await qmfSession(conn)
      await method(qs, 'create', { type: 'queue', name, properties: { 'qpid.max_count': 50 } })
      const topicSub = receive(conn, { address: 'amq.topic' }, 5, { autoaccept: false, timeoutMs: 10000 })
      const s = await openSender(conn, name)
      const ts = await openSender(conn, 'amq.topic')
      for (let i = 0; i < 20; i++) {
        s.send({ body: `m${i}` })
        ts.send({ subject: `w${w}`, body: `t${i}` })
      }
      const r = await receive(conn, name, 10, { autoaccept: round % 2 === 0, timeoutMs: 10000 })
      await topicSub
      if (round % 2 === 0) {
        await method(qs, 'delete', { type: 'queue', name, options: {} })
        await close(conn)
      } else {
        // abrupt: unsettled messages, subscription queue and dynamic reply queue left to clean up
        ;(conn as unknown as { socket: { destroy(): void } }).socket.destroy()
        void r
      }
    }
  }
  const queries = (async () => {
    for (let i = 0; i < 20; i++) {
      for (const cls of ['queue', 'connection', 'session', 'subscription', 'binding', 'broker'])
        await queryClass(q, cls)
    }
  })()
  await Promise.all([...Array.from({ length: 6 }, (_, w) => worker(w)), queries])
  const temporary = async () =>
    ((await queryClass(q, 'queue')) as { _values: Record<string, unknown> }[])
      .map((o) => plain(o._values) as Record<string, unknown>)
      .filter((v) => v.autoDelete === true && !String(v.name).startsWith(String(q.address)))
  await eventually(async () => (await temporary()).length === 0, 10000, 'temporary queues to go')
  const conns = await queryClass(q, 'connection')
  assert.equal(conns.length, 1)
  assert.equal(b.process.exitCode, null)
  assert.doesNotMatch(b.stderr(), /\[(Protocol|Broker)\] error|internal error/)
  await close(admin)
})
