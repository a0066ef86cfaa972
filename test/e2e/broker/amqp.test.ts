// AMQP 1.0 behaviour of a real qpidd-ref process: queues, exchanges, dynamic nodes, outcomes,
// redelivery, limits, anonymous relay, and durability across a restart.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { startBroker } from '../../helpers/broker.js'
import {
  close,
  connect,
  eventually,
  linkError,
  method,
  openSender,
  plain,
  qmfSession,
  queryClass,
  queueValues,
  receive,
  sendAndWait,
} from '../../helpers/rhea-client.js'

async function admin(port: number) {
  const conn = await connect(port)
  return { conn, q: await qmfSession(conn) }
}

async function create(q: Awaited<ReturnType<typeof qmfSession>>, type: string, name: string, properties = {}) {
  const r = await method(q, 'create', { type, name, properties, strict: true })
  assert.equal(r.properties['qmf.opcode'], '_method_response', JSON.stringify(plain(r.body)))
}

test('send to a queue and consume in order; browse does not consume', async (t) => {
  const b = await startBroker(t)
  const { conn, q } = await admin(b.port)
  await create(q, 'queue', 'q1')
  const s = await openSender(conn, 'q1')
  for (let i = 0; i < 5; i++) assert.equal((await sendAndWait(s, { body: `m${i}` })).outcome, 'accepted')
  const br = await receive(conn, { address: 'q1', distribution_mode: 'copy' }, 5)
  assert.deepEqual(
    br.messages.map((m) => m.message.body),
    ['m0', 'm1', 'm2', 'm3', 'm4'],
  )
  br.receiver.close()
  const r = await receive(conn, 'q1', 5)
  assert.deepEqual(
    r.messages.map((m) => m.message.body),
    ['m0', 'm1', 'm2', 'm3', 'm4'],
  )
  r.receiver.close()
  const [queue] = (await queryClass(q, 'queue')).filter(
    (o) => plain((o as { _values: { name: unknown } })._values.name) === 'q1',
  )
  const v = (queue as { _values: Record<string, unknown> })._values
  assert.equal(v.msgTotalEnqueues, 5)
  assert.equal(v.acquires, 5)
  await close(conn)
})

test('unacknowledged messages are redelivered in order when the consumer goes away', async (t) => {
  const b = await startBroker(t)
  const { conn, q } = await admin(b.port)
  await create(q, 'queue', 'rq')
  const s = await openSender(conn, 'rq')
  for (let i = 0; i < 4; i++) await sendAndWait(s, { body: `m${i}` })
  const c2 = await connect(b.port)
  const first = await receive(c2, 'rq', 3, { autoaccept: false })
  first.messages[1].delivery.accept()
  await eventually(async () => (await queueValues(q, 'rq'))?.msgTotalDequeues === 1, 5000, 'the accept')
  await close(c2)
  const again = await receive(conn, 'rq', 3)
  assert.deepEqual(
    again.messages.map((m) => m.message.body),
    ['m0', 'm2', 'm3'],
  )
  await close(conn)
})

test('accepting and detaching in one write keeps the accepts (no redelivery)', async (t) => {
  const b = await startBroker(t)
  const { conn, q } = await admin(b.port)
  await create(q, 'queue', 'adq')
  const s = await openSender(conn, 'adq')
  for (let i = 0; i < 3; i++) await sendAndWait(s, { body: `m${i}` })
  const r = await receive(conn, 'adq', 3, { autoaccept: false })
  for (const m of r.messages) m.delivery.accept()
  r.receiver.close()
  await eventually(async () => (await queueValues(q, 'adq'))?.msgTotalDequeues === 3, 5000, 'three dequeues')
  assert.equal((await queueValues(q, 'adq'))?.releases, 0)
  await close(conn)
})

test('redelivered messages carry delivery-count; expired messages are not delivered', async (t) => {
  const b = await startBroker(t)
  const { conn, q } = await admin(b.port)
  await create(q, 'queue', 'dc')
  const s = await openSender(conn, 'dc')
  await sendAndWait(s, { body: 'once', ttl: 60000 })
  await sendAndWait(s, { body: 'expires', ttl: 1 })
  await sendAndWait(s, { body: 'last' })
  await new Promise((r) => setTimeout(r, 20)) // let the 1 ms TTL pass
  const r1 = await receive(conn, 'dc', 1, { autoaccept: false })
  assert.equal(r1.messages[0].message.delivery_count ?? 0, 0)
  r1.messages[0].delivery.release()
  const r2 = await receive(conn, 'dc', 2)
  assert.deepEqual(
    r2.messages.map((m) => [m.message.body, m.message.delivery_count]),
    [
      ['once', 1],
      ['last', undefined],
    ],
  )
  assert.equal((await queueValues(q, 'dc'))?.discardsTtl, 1)
  await close(conn)
})

test('a consumer with more credit than the session delivery buffer holds gets everything (no overflow, no stall)', async (t) => {
  const b = await startBroker(t)
  const { conn, q } = await admin(b.port)
  await create(q, 'queue', 'wide')
  const s = await openSender(conn, 'wide')
  const n = 20000
  await new Promise<void>((resolve) => {
    let sent = 0
    let acked = 0
    s.on('accepted', () => {
      if (++acked === n) resolve()
    })
    const pump = () => {
      while (sent < n && s.sendable()) s.send({ body: `m${sent++}` })
    }
    s.on('sendable', pump)
    pump()
  })
  const c2 = await connect(b.port)
  const r = await receive(c2, 'wide', n, { timeoutMs: 30000 })
  assert.equal(r.messages.length, n)
  assert.equal(r.messages[n - 1].message.body, `m${n - 1}`)
  await close(c2)
  await close(conn)
})

test('large messages cross the broker in several frames each way, byte for byte', async (t) => {
  const b = await startBroker(t)
  const { conn, q } = await admin(b.port)
  await create(q, 'queue', 'big')
  const c2 = await connect(b.port, { max_frame_size: 4096 })
  const s = await openSender(c2, 'big')
  const body = Buffer.alloc(1024 * 1024)
  for (let i = 0; i < body.length; i++) body[i] = i % 251
  assert.equal((await sendAndWait(s, { body: rhea.message.data_section(body), subject: 'large' })).outcome, 'accepted')
  const r = await receive(c2, 'big', 1)
  const got = r.messages[0].message
  assert.equal(got.subject, 'large')
  assert.ok(Buffer.from((got.body as { content: Buffer }).content).equals(body))
  await close(c2)
  await close(conn)
})

test('a flow-stopped queue withholds credit from its producers until it resumes', async (t) => {
  const b = await startBroker(t)
  const { conn, q } = await admin(b.port)
  await create(q, 'queue', 'fs', { 'qpid.flow_stop_count': 10, 'qpid.flow_resume_count': 5 })
  // its own connection: rhea queues messages without credit in the session, ahead of anything else
  const producer = await connect(b.port)
  const s = await openSender(producer, 'fs')
  let accepted = 0
  s.on('accepted', () => accepted++)
  let sent = 0
  const pump = () => {
    while (sent < 1500 && s.sendable()) s.send({ body: `m${sent++}` })
  }
  s.on('sendable', pump)
  pump()
  // the initial window (1000) is all the producer gets while the queue is flow-stopped
  await eventually(() => accepted === 1000, 10000, '1000 accepted')
  await new Promise((r) => setTimeout(r, 200))
  assert.equal(accepted, 1000)
  assert.equal((s as unknown as { credit: number }).credit, 0) // rhea's typings omit `credit`
  assert.equal((await queueValues(q, 'fs'))?.flowStopped, true)
  const r = await receive(conn, 'fs', 1000, { timeoutMs: 10000 })
  r.receiver.close()
  await eventually(() => accepted === 1500, 10000, 'the rest after resume')
  assert.ok(Number((await queueValues(q, 'fs'))?.flowStoppedCount) >= 1)
  await close(producer)
  await close(conn)
})

test('heartbeats keep an idle connection with a short idle-time-out open', async (t) => {
  const b = await startBroker(t)
  const conn = await connect(b.port, { idle_time_out: 300 })
  let lost = false
  conn.on('disconnected', () => {
    lost = true
  })
  // four idle time-outs without traffic from the application
  await new Promise((r) => setTimeout(r, 1200))
  assert.equal(lost, false)
  assert.equal(conn.is_open(), true)
  await close(conn)
})

test('drain: a consumer gets what is there, then its remaining credit back with drain set', async (t) => {
  const b = await startBroker(t)
  const { conn, q } = await admin(b.port)
  await create(q, 'queue', 'dr')
  const s = await openSender(conn, 'dr')
  await sendAndWait(s, { body: 'one' })
  const r = conn.open_receiver({ source: { address: 'dr' }, credit_window: 0 } as never)
  await new Promise((res) => r.once('receiver_open', res))
  const got: unknown[] = []
  r.on('message', (ctx) => got.push(ctx.message.body))
  r.add_credit(10)
  r.drain_credit()
  await new Promise((res) => r.once('receiver_drained', res))
  assert.deepEqual(got, ['one'])
  assert.equal((r as unknown as { credit: number }).credit, 0)
  // later messages wait for new credit
  await sendAndWait(s, { body: 'two' })
  r.add_credit(1)
  await eventually(() => got.length === 2, 5000, 'the second message')
  assert.equal(got[1], 'two')
  await close(conn)
})

test('released goes back, rejected is dropped (to the alternate exchange if any)', async (t) => {
  const b = await startBroker(t)
  const { conn, q } = await admin(b.port)
  await create(q, 'exchange', 'alt', { 'exchange-type': 'fanout' })
  await create(q, 'queue', 'dead')
  await create(q, 'binding', 'alt/dead')
  await create(q, 'queue', 'oq', { 'alternate-exchange': 'alt' })
  const s = await openSender(conn, 'oq')
  await sendAndWait(s, { body: 'a' })
  await sendAndWait(s, { body: 'b' })
  const r1 = await receive(conn, 'oq', 2, { autoaccept: false })
  r1.messages[0].delivery.release()
  // rhea (client side) merges two different outcomes written in the same tick: send them apart
  await new Promise((r) => setTimeout(r, 20))
  r1.messages[1].delivery.reject({ condition: 'amqp:not-allowed', description: 'no' })
  await eventually(async () => (await queueValues(q, 'oq'))?.discardsSubscriber === 1, 5000, 'the reject')
  r1.receiver.close()
  const r2 = await receive(conn, 'oq', 1)
  assert.equal(r2.messages[0].message.body, 'a')
  const d = await receive(conn, 'dead', 1)
  assert.equal(d.messages[0].message.body, 'b')
  await close(conn)
})

test('exchanges: topic, fanout, headers and direct subscriptions', async (t) => {
  const b = await startBroker(t)
  const { conn } = await admin(b.port)
  const topicSub = receive(conn, { address: 'amq.topic', filter: { f: topicFilter('news.#') } }, 2)
  const subjectSub = receive(conn, { address: 'amq.topic', filter: { subject: 'sport.*' } }, 1)
  const fanSub = receive(conn, 'amq.fanout', 1)
  const directSub = receive(conn, { address: 'amq.direct', filter: { f: directFilter('k1') } }, 1)
  const headersSub = receive(
    conn,
    { address: 'amq.match', filter: { f: headersFilter({ 'x-match': 'any', colour: 'red' }) } },
    1,
  )
  // the receivers' attaches precede the sender's on the same session, so no wait is needed
  const topic = await openSender(conn, 'amq.topic')
  await sendAndWait(topic, { subject: 'news.uk', body: 't1' })
  await sendAndWait(topic, { subject: 'sport.uk', body: 'skip' })
  await sendAndWait(topic, { subject: 'news', body: 't2' })
  assert.deepEqual(
    (await topicSub).messages.map((m) => m.message.body),
    ['t1', 't2'],
  )
  assert.deepEqual(
    (await subjectSub).messages.map((m) => m.message.body),
    ['skip'],
  )
  const fan = await openSender(conn, 'amq.fanout')
  await sendAndWait(fan, { body: 'f1' })
  assert.equal((await fanSub).messages[0].message.body, 'f1')
  const direct = await openSender(conn, 'amq.direct')
  await sendAndWait(direct, { subject: 'k2', body: 'no' })
  await sendAndWait(direct, { subject: 'k1', body: 'd1' })
  assert.equal((await directSub).messages[0].message.body, 'd1')
  const headers = await openSender(conn, 'amq.match')
  await sendAndWait(headers, { application_properties: { colour: 'blue' }, body: 'no' })
  await sendAndWait(headers, { application_properties: { colour: 'red' }, body: 'h1' })
  assert.equal((await headersSub).messages[0].message.body, 'h1')
  await close(conn)
})

test('dynamic source nodes are named <container-id>_<link-name> and removed with the link', async (t) => {
  const b = await startBroker(t)
  const { conn, q } = await admin(b.port)
  const r = conn.open_receiver({ source: { dynamic: true }, name: 'replies' } as never)
  const address = await new Promise<string>((res) => r.once('receiver_open', (ctx) => res(ctx.receiver.source.address)))
  assert.equal(address, `${(conn as unknown as { options: { container_id: string } }).options.container_id}_replies`)
  const names = async () =>
    (await queryClass(q, 'queue')).map((o) => plain((o as { _values: { name: unknown } })._values.name))
  assert.ok((await names()).includes(address))
  r.close()
  await eventually(async () => !(await names()).includes(address), 5000, 'the dynamic queue to go')
  await close(conn)
})

test('unknown nodes are refused with amqp:not-found "Node not found: <name>"', async (t) => {
  const b = await startBroker(t)
  const conn = await connect(b.port)
  const e1 = (await linkError(conn, (c) => c.open_sender('nowhere'))) as { condition: string; description: string }
  assert.equal(e1.condition, 'amqp:not-found')
  assert.equal(e1.description, 'Node not found: nowhere')
  const e2 = (await linkError(conn, (c) => c.open_receiver('qmf.default.topic/direct.x'))) as { description: string }
  assert.equal(e2.description, 'Node not found: qmf.default.topic/direct.x')
  await close(conn)
})

test('anonymous relay routes by the to address', async (t) => {
  const b = await startBroker(t)
  const { conn, q } = await admin(b.port)
  await create(q, 'queue', 'relayq')
  const s = await openSender(conn, undefined)
  assert.equal((await sendAndWait(s, { to: 'relayq', body: 'r1' })).outcome, 'accepted')
  const bad = await sendAndWait(s, { to: 'nosuch', body: 'x' })
  assert.equal(bad.outcome, 'rejected')
  assert.equal((bad.error as { condition: string }).condition, 'amqp:not-found')
  assert.equal((await receive(conn, 'relayq', 1)).messages[0].message.body, 'r1')
  await close(conn)
})

test('reject policy: the sender gets amqp:resource-limit-exceeded; ring drops the oldest', async (t) => {
  const b = await startBroker(t)
  const { conn, q } = await admin(b.port)
  await create(q, 'queue', 'lim', { 'qpid.max_count': 2 })
  await create(q, 'queue', 'ring', { 'qpid.max_count': 2, 'qpid.policy_type': 'ring' })
  const s = await openSender(conn, 'lim')
  await sendAndWait(s, { body: '1' })
  await sendAndWait(s, { body: '2' })
  const third = await sendAndWait(s, { body: '3' })
  assert.equal(third.outcome, 'rejected')
  assert.equal((third.error as { condition: string }).condition, 'amqp:resource-limit-exceeded')
  const rs = await openSender(conn, 'ring')
  for (const x of ['1', '2', '3']) await sendAndWait(rs, { body: x })
  assert.deepEqual(
    (await receive(conn, 'ring', 2)).messages.map((m) => m.message.body),
    ['2', '3'],
  )
  await close(conn)
})

test('durable queues and persistent messages survive a restart with the same data dir', async (t) => {
  const b1 = await startBroker(undefined)
  const dataDir = b1.dataDir
  try {
    const { conn, q } = await admin(b1.port)
    await create(q, 'queue', 'dq', { durable: true })
    await create(q, 'exchange', 'dx', { 'exchange-type': 'direct', durable: true })
    await create(q, 'binding', 'dx/dq/k')
    const s = await openSender(conn, 'dx')
    await sendAndWait(s, { subject: 'k', durable: true, body: 'persist-me' })
    await sendAndWait(s, { subject: 'k', durable: false, body: 'transient' })
    await close(conn)
    await b1.kill()
    const b2 = await startBroker(t, { dataDir })
    const c2 = await connect(b2.port)
    const r = await receive(c2, 'dq', 1)
    assert.equal(r.messages[0].message.body, 'persist-me')
    const s2 = await openSender(c2, 'dx')
    await sendAndWait(s2, { subject: 'k', body: 'after' })
    assert.equal((await receive(c2, 'dq', 1)).messages[0].message.body, 'after')
    await close(c2)
  } finally {
    await b1.stop()
  }
})

test('SIGTERM exits cleanly with status 0', async () => {
  const b = await startBroker(undefined)
  const exited = new Promise<number | null>((r) => b.process.once('exit', (code) => r(code)))
  b.process.kill('SIGTERM')
  assert.equal(await exited, 0)
  await b.stop()
})

import rhea from 'rhea'

function topicFilter(key: string) {
  return rhea.types.wrap_described(key, 0x468c00000001)
}
function directFilter(key: string) {
  return rhea.types.wrap_described(key, 0x468c00000000)
}
function headersFilter(m: Record<string, unknown>) {
  return rhea.types.wrap_described(m, 0x468c00000002)
}
