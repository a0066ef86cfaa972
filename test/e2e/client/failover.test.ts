// The failover client library against real qpidd-ref processes: kill -9 of the broker a sender
// is attached to (everything it had not confirmed must reach the next broker in the list), and
// a hung broker (SIGSTOP) detected by heartbeat within the bound.
import assert from 'node:assert/strict'
import { once } from 'node:events'
import { type TestContext, test } from 'node:test'
import { FailoverConnection, type FailoverOptions, FailoverSender, SequenceTracker } from '../../../src/client/index.js'
import { type RunningBroker, startBroker } from '../../helpers/broker.js'
import { run } from '../../helpers/run.js'

function connect(t: TestContext, opts: FailoverOptions): FailoverConnection {
  const conn = new FailoverConnection({ reconnectIntervalMinMs: 20, reconnectIntervalMaxMs: 200, ...opts })
  t.after(() => conn.close())
  return conn
}

async function brokerWithQueue(t: TestContext): Promise<RunningBroker> {
  const b = await startBroker(t)
  const r = await run('qpid-config', ['-b', b.address, 'add', 'queue', 'q'])
  assert.equal(r.code, 0, r.stderr)
  return b
}

/** Drains queue q of `b` with qpid-ref-receive and returns the sequence numbers it found. */
async function drain(b: RunningBroker, expected: number): Promise<SequenceTracker> {
  const r = await run('qpid-ref-receive', ['-b', b.address, '-a', 'q', '--timeout', '2', '-m', String(expected)])
  const tracker = new SequenceTracker()
  const m = /^received (\d+), distinct (\d+)/.exec(r.stdout)
  assert.ok(m, r.stdout + r.stderr)
  const missing = /^missing: (?:none|\d+ \((.*)\))$/m.exec(r.stdout)![1]
  const gaps = (missing ?? '').split(',').filter(Boolean)
  const absent = new Set<number>()
  for (const g of gaps) {
    const [a, z = a] = g.split('-').map(Number)
    for (let sn = a; sn <= z; sn++) absent.add(sn)
  }
  for (let sn = 1; sn <= expected; sn++) if (!absent.has(sn)) tracker.record(sn)
  return tracker
}

test('kill -9 of the broker: every message it did not confirm is re-sent to the next one', {
  timeout: 60_000,
}, async (t) => {
  const a = await brokerWithQueue(t)
  const b = await brokerWithQueue(t)
  const conn = connect(t, { urls: [a.address, b.address], heartbeatMs: 1000 })
  await conn.open()
  const sender = new FailoverSender(conn, { address: 'q', capacity: 200 })
  const total = 3000
  const confirmedByA = new Set<number>()
  const confirmed = new Set<number>()
  let killed: Promise<void> | undefined
  const all: Promise<void>[] = []
  for (let sn = 1; sn <= total; sn++) {
    await sender.writable()
    all.push(
      sender.send({ application_properties: { sn } }).then(() => {
        confirmed.add(sn)
        if (conn.currentAddress === a.address) confirmedByA.add(sn)
        // Kill mid-stream, while up to `capacity` messages are unconfirmed.
        if (confirmed.size === 1000) killed ??= a.kill()
      }),
    )
  }
  await Promise.all(all)
  await killed
  assert.equal(confirmed.size, total)
  assert.ok(sender.resent > 0, 'some messages were in flight at the kill')
  const onB = await drain(b, total)
  const lost = [...Array(total).keys()].map((i) => i + 1).filter((sn) => !confirmedByA.has(sn) && !onB.has(sn))
  assert.deepEqual(lost, [], 'every message not confirmed by the killed broker is on the second one')
  assert.equal(onB.distinct, total - confirmedByA.size)
})

test('a SIGSTOPped broker is detected within twice the heartbeat', { timeout: 60_000 }, async (t) => {
  const a = await brokerWithQueue(t)
  const b = await brokerWithQueue(t)
  const heartbeatMs = 500
  const conn = connect(t, { urls: [a.address, b.address], heartbeatMs, connectTimeoutMs: 500 })
  await conn.open()
  assert.equal(conn.currentAddress, a.address)
  const sender = new FailoverSender(conn, { address: 'q' })
  await sender.send({ application_properties: { sn: 1 } })
  process.kill(a.pid, 'SIGSTOP')
  const stoppedAt = performance.now()
  try {
    const [lost] = await once(conn, 'disconnected')
    const detected = performance.now() - stoppedAt
    assert.equal(lost.reason, 'no heartbeat for 1000 ms')
    assert.ok(detected < 2 * heartbeatMs * 1.125 + 200, `detected after ${detected.toFixed(0)} ms`)
    t.diagnostic(`SIGSTOP detected after ${detected.toFixed(0)} ms (heartbeat ${heartbeatMs} ms)`)
    // The attempt on the stopped broker times out; the next address is used.
    const [connected] = await once(conn, 'connected')
    assert.equal(connected.address, b.address)
  } finally {
    // Resumed before the helper stops it, so its SIGTERM ends it cleanly.
    process.kill(a.pid, 'SIGCONT')
  }
  // The sender carries on with the second broker.
  await sender.send({ application_properties: { sn: 2 } })
  assert.equal((await drain(b, 2)).distinct, 1)
})

test('a stall of the client process itself is not taken for a silent broker', { timeout: 60_000 }, async (t) => {
  const a = await brokerWithQueue(t)
  const heartbeatMs = 200
  const conn = connect(t, { urls: a.address, heartbeatMs })
  await conn.open()
  const lost: string[] = []
  conn.on('disconnected', (e) => lost.push(e.reason))
  // Block the event loop past the 2 x heartbeat limit while the broker's heartbeats wait in the
  // socket; below 4 x heartbeat, where rhea's own idle check (twice the idle-time-out) would close.
  const until = performance.now() + 2.5 * heartbeatMs
  while (performance.now() < until);
  const sender = new FailoverSender(conn, { address: 'q' })
  await sender.send({ application_properties: { sn: 1 } })
  assert.deepEqual(lost, [])
  assert.equal(conn.currentAddress, a.address)
})
