// Journal store: recovery of queues, exchanges, bindings and messages; torn-tail truncation.
import assert from 'node:assert/strict'
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { Broker } from '../../../src/broker/broker.js'
import { Logger } from '../../../src/broker/log.js'
import { decodeFull, encodeMessage, scanMessage } from '../../../src/broker/message/codec.js'
import type { Queue } from '../../../src/broker/nodes/queue.js'
import { frameEnqueue, readRecords } from '../../../src/broker/store/journal-format.js'
import { JournalStore } from '../../../src/broker/store/journal-store.js'

const quiet = () => new Logger(['critical+'], { stderr: false })

async function open(dir: string): Promise<Broker> {
  const b = new Broker({ port: 0, dataDir: dir, auth: false, store: new JournalStore(dir, quiet()), log: quiet() })
  await b.recover()
  return b
}

function send(b: Broker, q: string, body: string, durable = true): void {
  b.publish(scanMessage(encodeMessage({ durable, body })), b.queues.get(q) as Queue, '')
}

const synced = (b: Broker) => new Promise<void>((r) => b.store.sync(r))

function decode(bytes: Buffer): unknown {
  return decodeFull(bytes).body
}

test('durable queues, exchanges, bindings and persistent messages survive a restart', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'journal-'))
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  const b1 = await open(dir)
  b1.declareExchange('x', 'topic', { durable: true, arguments: { 'qpid.msg_sequence': 1 } })
  b1.declareQueue('dq', { durable: true, arguments: { 'qpid.max_count': 100, foo: 'bar' } })
  b1.declareQueue('tq', {})
  b1.bind('x', 'dq', 'a.#')
  send(b1, 'dq', 'A')
  send(b1, 'dq', 'B')
  send(b1, 'dq', 'C', false)
  send(b1, 'tq', 'T')
  const dq = b1.queues.get('dq') as Queue
  const first = dq.availableMessages()[0]
  dq.dequeue(first, 'consumed')
  await synced(b1)
  await b1.store.close()

  const b2 = await open(dir)
  assert.equal(b2.queues.has('tq'), false)
  const q = b2.queues.get('dq') as Queue
  assert.ok(q)
  assert.equal(q.durable, true)
  assert.deepEqual(q.arguments, { 'qpid.max_count': 100, foo: 'bar' })
  assert.equal(q.msgDepth, 1)
  assert.equal(decode(q.availableMessages()[0].bytes), 'B')
  const x = b2.exchanges.get('x')
  assert.equal(x?.type, 'topic')
  assert.equal(x?.durable, true)
  assert.equal(x?.bindings[0]?.key, 'a.#')
  assert.equal(x?.bindings[0]?.queue, q)
  await b2.store.close()
})

test('a torn tail is truncated and earlier records are kept', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'journal-'))
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  const b1 = await open(dir)
  b1.declareQueue('dq', { durable: true })
  send(b1, 'dq', 'A')
  send(b1, 'dq', 'B')
  await synced(b1)
  await b1.store.close()
  const file = join(dir, 'qpidd-ref.journal')
  const dqId = (b1.queues.get('dq') as Queue).persistenceId
  // a record cut off in the middle, as a crash during write leaves it
  const rec = frameEnqueue(dqId, 999, encodeMessage({ durable: true, body: 'Z' }))
  appendFileSync(file, rec.subarray(0, rec.length - 3))
  const intact = statSync(file).size - (rec.length - 3)

  const b2 = await open(dir)
  const q = b2.queues.get('dq') as Queue
  assert.equal(q.msgDepth, 2)
  assert.deepEqual(
    q.availableMessages().map((m) => decode(m.bytes)),
    ['A', 'B'],
  )
  await b2.store.close()
  assert.ok(statSync(file).size <= intact)
  assert.equal(readRecords(readFileSync(file)).validLength, statSync(file).size)
})

test('a corrupted record (bad CRC) ends recovery at that point', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'journal-'))
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  const b1 = await open(dir)
  b1.declareQueue('dq', { durable: true })
  send(b1, 'dq', 'A')
  await synced(b1)
  send(b1, 'dq', 'B')
  await synced(b1)
  await b1.store.close()
  const file = join(dir, 'qpidd-ref.journal')
  const data = readFileSync(file)
  data[data.length - 2] ^= 0xff
  truncateSync(file, 0)
  appendFileSync(file, data)
  const b2 = await open(dir)
  assert.deepEqual(
    (b2.queues.get('dq') as Queue).availableMessages().map((m) => decode(m.bytes)),
    ['A'],
  )
  await b2.store.close()
})

test('the journal compacts itself while running and still recovers exactly the live messages', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'journal-'))
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  const log = quiet()
  const b1 = new Broker({ port: 0, dataDir: dir, auth: false, store: new JournalStore(dir, log, 16 * 1024), log })
  await b1.recover()
  b1.declareQueue('cq', { durable: true })
  const q = b1.queues.get('cq') as Queue
  for (let round = 0; round < 20; round++) {
    for (let i = 0; i < 50; i++) send(b1, 'cq', `r${round}-${i}`)
    await synced(b1)
    // consume all but the last message of each round
    for (const m of q.availableMessages().slice(0, -1)) q.dequeue(m, 'consumed')
    await synced(b1)
  }
  const file = join(dir, 'qpidd-ref.journal')
  assert.ok(statSync(file).size < 24 * 1024, `journal stayed small: ${statSync(file).size}`)
  const expected = q.availableMessages().map((m) => decode(m.bytes))
  assert.equal(expected.length, 1)
  await b1.store.close()
  const b2 = await open(dir)
  assert.deepEqual(
    (b2.queues.get('cq') as Queue).availableMessages().map((m) => decode(m.bytes)),
    expected,
  )
  await b2.store.close()
})

test('a binding recovered from the journal can be unbound for good', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'journal-'))
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  const b1 = await open(dir)
  b1.declareExchange('x', 'direct', { durable: true })
  b1.declareQueue('dq', { durable: true })
  b1.bind('x', 'dq', 'k1')
  b1.bind('x', 'dq', 'k2')
  await synced(b1)
  await b1.store.close()

  const b2 = await open(dir)
  b2.unbind('x', 'dq', 'k1')
  await synced(b2)
  await b2.store.close()

  const b3 = await open(dir)
  assert.deepEqual(
    b3.exchanges.get('x')?.bindings.map((b) => b.key),
    ['k2'],
  )
  await b3.store.close()
})
