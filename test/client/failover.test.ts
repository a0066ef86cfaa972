// The failover client against in-process peers (client-mini-broker.ts): resend after a crash,
// skipping dead and refusing addresses, outcomes, backpressure, heartbeat, duplicate filtering.
import assert from 'node:assert/strict'
import { once } from 'node:events'
import { type TestContext, test } from 'node:test'
import type { Message } from '../../src/client/failover-sender.js'
import { FailoverConnection, type FailoverOptions, FailoverReceiver, FailoverSender } from '../../src/client/index.js'
import { startMiniBroker, startProxy, waitFor } from '../helpers/mini-broker.js'
import { closedPort } from '../helpers/ports.js'

function connect(t: TestContext, opts: FailoverOptions): FailoverConnection {
  const conn = new FailoverConnection({ reconnectIntervalMinMs: 20, reconnectIntervalMaxMs: 100, ...opts })
  t.after(() => conn.close())
  return conn
}

const sns = (messages: Message[] | undefined) => (messages ?? []).map((m) => m.application_properties?.sn)

test('sender re-sends every unconfirmed message, in order, to the next broker after a crash', {
  timeout: 20_000,
}, async (t) => {
  const a = await startMiniBroker({ outcome: 'hold' })
  const b = await startMiniBroker()
  t.after(() => b.kill())
  const conn = connect(t, { urls: [a.address, b.address] })
  const events: string[] = []
  conn.on('connected', (e) => events.push(`connected ${e.address} ${e.reconnect}`))
  conn.on('disconnected', (e) => events.push(`lost ${e.address}`))
  await conn.open()
  const sender = new FailoverSender(conn, { address: 'q' })
  const confirmations = [1, 2, 3, 4, 5].map((sn) => sender.send({ application_properties: { sn } }))
  await waitFor(() => a.received.get('q')?.length === 5, 2000, 'broker A to hold 5 messages')
  assert.equal(sender.pending, 5)
  await a.kill()
  await Promise.all(confirmations)
  assert.deepEqual(sns(b.received.get('q')), [1, 2, 3, 4, 5])
  assert.equal(sender.resent, 5)
  assert.equal(sender.pending, 0)
  // The re-sent copies keep the message-ids of the first transfer, so receivers can filter them.
  assert.deepEqual(
    b.received.get('q')!.map((m) => m.message_id),
    a.received.get('q')!.map((m) => m.message_id),
  )
  assert.deepEqual(events, [`connected ${a.address} false`, `lost ${a.address}`, `connected ${b.address} true`])
})

test('a closed port and a refusing HA backup in the list are skipped', { timeout: 20_000 }, async (t) => {
  const dead = await closedPort()
  const backup = await startMiniBroker({ refuseClients: true })
  const live = await startMiniBroker()
  t.after(() => backup.kill())
  t.after(() => live.kill())
  const conn = connect(t, { urls: `127.0.0.1:${dead},${backup.address},${live.address}` })
  const failed: string[] = []
  conn.on('attempt-failed', (e) => failed.push(e.address))
  await conn.open()
  assert.equal(conn.currentAddress, live.address)
  assert.deepEqual(failed, [`127.0.0.1:${dead}`, backup.address])
  await new FailoverSender(conn, { address: 'q' }).send({ body: 'hi' })
  assert.equal(live.received.get('q')?.[0].body, 'hi')
})

test('open gives up after the reconnect timeout with the last reason', { timeout: 20_000 }, async (t) => {
  const dead = await closedPort()
  const conn = connect(t, { urls: `127.0.0.1:${dead}`, reconnectTimeoutMs: 300 })
  const started = performance.now()
  await assert.rejects(conn.open(), (err: Error & { kind?: string }) => {
    assert.equal(err.kind, 'connect')
    assert.match(err.message, /^reconnect timeout: 127\.0\.0\.1:\d+: \[Errno 111\] Connection refused$/)
    return true
  })
  const elapsed = performance.now() - started
  assert.ok(elapsed >= 300 && elapsed < 1000, `gave up after ${elapsed} ms`)
})

test('a rejected or released message is reported, not retried', { timeout: 20_000 }, async (t) => {
  for (const outcome of ['reject', 'release'] as const) {
    const broker = await startMiniBroker({ outcome })
    t.after(() => broker.kill())
    const conn = connect(t, { urls: broker.address })
    await conn.open()
    const sender = new FailoverSender(conn, { address: 'q' })
    await assert.rejects(sender.send({ body: 1 }), (err: Error & { kind?: string }) => {
      assert.equal(err.kind, outcome === 'reject' ? 'rejected' : 'released')
      return true
    })
    assert.equal(broker.received.get('q')?.length, 1)
    assert.equal(sender.pending, 0)
  }
})

test('writable() holds the application back while capacity messages are unconfirmed', {
  timeout: 20_000,
}, async (t) => {
  const broker = await startMiniBroker({ outcome: 'hold' })
  t.after(() => broker.kill())
  const conn = connect(t, { urls: broker.address })
  await conn.open()
  const sender = new FailoverSender(conn, { address: 'q', capacity: 2 })
  const first = sender.send({ body: 1 })
  // Still unconfirmed when the test closes the connection.
  const second = assert.rejects(sender.send({ body: 2 }), /connection closed/)
  let writable = false
  const room = sender.writable().then(() => {
    writable = true
  })
  await waitFor(() => broker.held.length === 2, 2000, 'two held messages')
  assert.equal(writable, false)
  broker.held[0].accept()
  await first
  await room
  assert.equal(sender.pending, 1)
  await conn.close()
  await second
})

test('a hung broker is detected within twice the heartbeat and the client fails over', {
  timeout: 20_000,
}, async (t) => {
  const hung = await startMiniBroker()
  const proxy = await startProxy(hung.port)
  const spare = await startMiniBroker()
  t.after(() => proxy.close())
  t.after(() => hung.kill())
  t.after(() => spare.kill())
  const heartbeatMs = 200
  const conn = connect(t, { urls: [proxy.address, spare.address], heartbeatMs, connectTimeoutMs: 300 })
  await conn.open()
  assert.equal(conn.currentAddress, proxy.address)
  const frozenAt = performance.now()
  proxy.freeze()
  const [lost] = await once(conn, 'disconnected')
  const detectedAfter = performance.now() - frozenAt
  assert.match(lost.reason, /^no heartbeat for 400 ms$/)
  // 2 x heartbeat, plus the watchdog's check period (1/8) and scheduling slack.
  assert.ok(detectedAfter >= 2 * heartbeatMs && detectedAfter < 2.5 * heartbeatMs + 250, `after ${detectedAfter} ms`)
  const [connected] = await once(conn, 'connected')
  assert.equal(connected.address, spare.address)
})

test('receiver re-attaches after a crash and hands out no message it already accepted', {
  timeout: 20_000,
}, async (t) => {
  const a = await startMiniBroker()
  const b = await startMiniBroker()
  t.after(() => b.kill())
  const msg = (sn: number): Message => ({ message_id: `id-${sn}`, application_properties: { sn } })
  a.put('q', msg(1), msg(2), msg(3))
  // The copy of 3 on B is what a re-sending sender (or a lost accept) leaves on a new primary.
  b.put('q', msg(3), msg(4), msg(5))
  const conn = connect(t, { urls: [a.address, b.address] })
  const receiver = new FailoverReceiver(conn, { address: 'q', credit: 10 })
  const got: number[] = []
  receiver.on('message', (m) => {
    got.push(m.message.application_properties?.sn)
  })
  await conn.open()
  await waitFor(() => got.length === 3, 2000, 'three messages from A')
  await a.kill()
  await waitFor(() => got.length === 5, 2000, 'two more messages from B')
  assert.deepEqual(got, [1, 2, 3, 4, 5])
  assert.equal(receiver.duplicatesFiltered, 1)
})

test('with explicit accept, an unaccepted message comes again and a released one is not filtered', {
  timeout: 20_000,
}, async (t) => {
  const broker = await startMiniBroker()
  t.after(() => broker.kill())
  const conn = connect(t, { urls: broker.address })
  const receiver = new FailoverReceiver(conn, { address: 'q', autoAccept: false })
  const seen: string[] = []
  receiver.on('message', (m) => {
    seen.push(String(m.message.message_id))
    if (m.message.message_id === 'r') m.release()
    else m.accept()
  })
  await conn.open()
  broker.put('q', { message_id: 'a' }, { message_id: 'r' }, { message_id: 'r' }, { message_id: 'a' })
  await waitFor(() => seen.length === 3 && receiver.duplicatesFiltered === 1, 2000, 'three handed out, one filtered')
  assert.deepEqual(seen, ['a', 'r', 'r'])
})

test('close() while failing over ends the retry loop at once and rejects open()', { timeout: 20_000 }, async (t) => {
  const dead = await closedPort()
  const conn = connect(t, { urls: `127.0.0.1:${dead}`, reconnectIntervalMinMs: 5000, reconnectIntervalMaxMs: 5000 })
  const opening = conn.open()
  await once(conn, 'attempt-failed')
  const started = performance.now()
  await conn.close()
  await assert.rejects(opening, /^ClientError: connection closed$/)
  assert.ok(performance.now() - started < 1000)
})

test('close() rejects the sends the broker has not confirmed', { timeout: 20_000 }, async (t) => {
  const broker = await startMiniBroker({ outcome: 'hold' })
  t.after(() => broker.kill())
  const conn = connect(t, { urls: broker.address })
  await conn.open()
  const sender = new FailoverSender(conn, { address: 'q' })
  const pending = sender.send({ body: 1 })
  await waitFor(() => broker.held.length === 1, 2000, 'the held message')
  const rejected = assert.rejects(pending, (err: Error & { kind?: string }) => err.kind === 'closed')
  await conn.close()
  await rejected
  await assert.rejects(sender.send({ body: 2 }), (err: Error & { kind?: string }) => err.kind === 'closed')
})

test('a link owner added while connected attaches once, and the others are not attached again', {
  timeout: 20_000,
}, async (t) => {
  const broker = await startMiniBroker()
  t.after(() => broker.kill())
  const conn = connect(t, { urls: broker.address })
  new FailoverReceiver(conn, { address: 'in' }).on('message', () => {})
  await conn.open()
  await new FailoverSender(conn, { address: 'out' }).send({ body: 1 })
  await waitFor(() => broker.links.length === 2, 2000, 'two links')
  assert.deepEqual(broker.links.sort(), ['in out', 'out in'])
})
