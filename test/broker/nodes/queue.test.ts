// Queue behaviour without the network: policies, LVQ, priorities, redelivery order, flow control.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { QueuedMessage } from '../../../src/broker/nodes/message.js'
import {
  type Consumer,
  type DequeueReason,
  LimitExceeded,
  Queue,
  type QueueHost,
} from '../../../src/broker/nodes/queue.js'
import { MemoryStore } from '../../../src/broker/store/memory-store.js'

function host(): QueueHost & { dequeues: DequeueReason[]; rerouted: Buffer[] } {
  const dequeues: DequeueReason[] = []
  const rerouted: Buffer[] = []
  return {
    dequeues,
    rerouted,
    queueObservers: [{ dequeued: (_q, _m, reason) => dequeues.push(reason) }],
    store: new MemoryStore(),
    reroute: (b: Buffer, _e: string) => {
      rerouted.push(b)
      return true
    },
    autoDelete: () => {},
  }
}

function put(q: Queue, text: string, priority = 4, props?: Record<string, unknown>): void {
  const bytes = Buffer.from(text)
  q.checkLimit(bytes.length)
  q.enqueue(q.entryFor(bytes, false, priority, props))
}

class TestConsumer implements Consumer {
  got: QueuedMessage[] = []
  cursor: number[]
  constructor(
    q: Queue,
    public credit = 1000,
    readonly browsing = false,
  ) {
    this.cursor = q.newCursor()
  }
  canSend() {
    return this.credit > 0
  }
  send(m: QueuedMessage) {
    this.credit--
    this.got.push(m)
  }
  texts() {
    return this.got.map((m) => m.bytes.toString())
  }
}

test('reject policy refuses messages beyond qpid.max_count and qpid.max_size', () => {
  const q = new Queue('q', host(), { arguments: { 'qpid.max_count': 2 } })
  put(q, 'a')
  put(q, 'b')
  assert.throws(() => put(q, 'c'), LimitExceeded)
  assert.equal(q.msgDepth, 2)
  const s = new Queue('s', host(), { arguments: { 'qpid.max_size': 5 } })
  put(s, 'abc')
  assert.throws(() => put(s, 'abc'), LimitExceeded)
  put(s, 'ab')
  assert.equal(s.byteDepth, 5)
})

test('ring policy drops the oldest messages', () => {
  const h = host()
  const q = new Queue('q', h, { arguments: { 'qpid.max_count': 3, 'qpid.policy_type': 'ring' } })
  for (const t of ['1', '2', '3', '4', '5']) put(q, t)
  assert.equal(q.msgDepth, 3)
  assert.equal(q.stats.discardsRing, 2)
  assert.deepEqual(h.dequeues, ['ring', 'ring'])
  const c = new TestConsumer(q)
  q.addConsumer(c)
  assert.deepEqual(c.texts(), ['3', '4', '5'])
})

test('a full ring priority queue drops the oldest of the lowest priority, which may be the arrival', () => {
  const h = host()
  const q = new Queue('q', h, {
    arguments: { 'qpid.max_count': 3, 'qpid.policy_type': 'ring', 'qpid.priorities': 10 },
  })
  put(q, 'high1', 9)
  put(q, 'mid1', 5)
  put(q, 'high2', 9)
  put(q, 'low', 1) // the lowest priority: the arrival itself goes, not mid1
  assert.deepEqual(
    q.allMessages().map((m) => m.bytes.toString()),
    ['high1', 'high2', 'mid1'],
  )
  put(q, 'high3', 9) // then mid1, never a high one
  assert.equal(q.stats.discardsRing, 2)
  assert.equal(q.stats.msgTotalEnqueues, 5)
  assert.deepEqual(h.dequeues, ['ring', 'ring'])
  const c = new TestConsumer(q)
  q.addConsumer(c)
  assert.deepEqual(c.texts(), ['high1', 'high2', 'high3'])
})

test('last value queue keeps the newest message per key', () => {
  const q = new Queue('q', host(), { arguments: { 'qpid.last_value_queue_key': 'k' } })
  put(q, 'a1', 4, { k: 'a' })
  put(q, 'b1', 4, { k: 'b' })
  put(q, 'a2', 4, { k: 'a' })
  put(q, 'none')
  assert.equal(q.msgDepth, 3)
  assert.equal(q.stats.discardsLvq, 1)
  const c = new TestConsumer(q)
  q.addConsumer(c)
  assert.deepEqual(c.texts(), ['b1', 'a2', 'none'])
})

test('priority queue delivers higher priorities first, FIFO within a level', () => {
  const q = new Queue('q', host(), { arguments: { 'qpid.priorities': 10 } })
  put(q, 'low1', 1)
  put(q, 'high1', 9)
  put(q, 'mid', 5)
  put(q, 'high2', 9)
  put(q, 'low2', 1)
  const c = new TestConsumer(q)
  q.addConsumer(c)
  assert.deepEqual(c.texts(), ['high1', 'high2', 'mid', 'low1', 'low2'])
})

test('priority levels map the top priorities as qpidd does', () => {
  const q = new Queue('q', host(), { arguments: { 'qpid.priorities': 2 } })
  put(q, 'p0', 0)
  put(q, 'p8', 8)
  put(q, 'p9', 9)
  put(q, 'p5', 5)
  const c = new TestConsumer(q)
  q.addConsumer(c)
  // levels: priorities 0..8 → level 0, 9 → level 1
  assert.deepEqual(c.texts(), ['p9', 'p0', 'p8', 'p5'])
})

test('released messages are redelivered in original order before later ones', () => {
  const q = new Queue('q', host())
  for (const t of ['1', '2', '3', '4', '5']) put(q, t)
  const c1 = new TestConsumer(q, 3)
  q.addConsumer(c1)
  assert.deepEqual(c1.texts(), ['1', '2', '3'])
  q.removeConsumer(c1)
  for (const m of [...c1.got].reverse()) q.release(m)
  const c2 = new TestConsumer(q)
  q.addConsumer(c2)
  assert.deepEqual(c2.texts(), ['1', '2', '3', '4', '5'])
  assert.equal(q.stats.releases, 3)
  assert.equal(c2.got[0].deliveryCount, 1)
})

test('round-robin between consumers and acknowledged dequeue', () => {
  const h = host()
  const q = new Queue('q', h)
  const a = new TestConsumer(q)
  const b = new TestConsumer(q)
  q.addConsumer(a)
  q.addConsumer(b)
  for (const t of ['1', '2', '3', '4']) put(q, t)
  assert.deepEqual(a.texts(), ['1', '3'])
  assert.deepEqual(b.texts(), ['2', '4'])
  for (const m of [...a.got, ...b.got]) q.dequeue(m, 'consumed')
  assert.equal(q.msgDepth, 0)
  assert.equal(q.stats.msgTotalDequeues, 4)
  assert.equal(q.stats.acquires, 4)
})

test('browsers see messages without consuming them', () => {
  const q = new Queue('q', host())
  for (const t of ['1', '2']) put(q, t)
  const br = new TestConsumer(q, 1000, true)
  q.addConsumer(br)
  put(q, '3')
  assert.deepEqual(br.texts(), ['1', '2', '3'])
  assert.equal(q.msgDepth, 3)
  const c = new TestConsumer(q)
  q.addConsumer(c)
  assert.deepEqual(c.texts(), ['1', '2', '3'])
})

test('rejected messages go to the alternate exchange', () => {
  const h = host()
  const q = new Queue('q', h, { alternateExchange: 'alt' })
  put(q, 'x')
  const c = new TestConsumer(q)
  q.addConsumer(c)
  q.reject(c.got[0])
  assert.equal(h.rerouted[0].toString(), 'x')
  assert.equal(q.stats.discardsSubscriber, 1)
  assert.equal(q.msgDepth, 0)
})

test('flow stop and resume thresholds count flowStopped transitions', () => {
  const q = new Queue('q', host(), { arguments: { 'qpid.flow_stop_count': 3, 'qpid.flow_resume_count': 1 } })
  put(q, '1')
  put(q, '2')
  assert.equal(q.flowStopped, false)
  put(q, '3')
  assert.equal(q.flowStopped, true)
  assert.equal(q.flowStoppedCount, 1)
  q.purge(1)
  assert.equal(q.flowStopped, true)
  q.purge(1)
  assert.equal(q.flowStopped, false)
  assert.equal(q.stats.discardsPurge, 2)
})

test('default flow thresholds follow qpid.max_count (80 % / 70 %)', () => {
  const q = new Queue('q', host(), { arguments: { 'qpid.max_count': 10 } })
  for (let i = 0; i < 8; i++) put(q, String(i))
  assert.equal(q.flowStopped, true)
})

test('conflicting LVQ and priorities arguments are refused', () => {
  assert.throws(
    () => new Queue('q', host(), { arguments: { 'qpid.last_value_queue_key': 'k', 'qpid.priorities': 3 } }),
    /Cannot specify qpid.last_value_queue_key and qpid.priorities/,
  )
})

test('a large queue is consumed in order (ring buffer growth and trimming)', () => {
  const q = new Queue('q', host())
  for (let i = 0; i < 5000; i++) put(q, String(i))
  const c = new TestConsumer(q, 5000)
  q.addConsumer(c)
  for (const m of c.got) q.dequeue(m, 'consumed')
  assert.equal(c.got.length, 5000)
  assert.ok(c.got.every((m, i) => m.bytes.toString() === String(i)))
  assert.equal(q.msgDepth, 0)
})

test('expired messages are dropped at dispatch and by the periodic purge (discardsTtl)', () => {
  const h = host()
  const q = new Queue('q', h)
  const live = q.entryFor(Buffer.from('live'), false, 4, undefined, 60_000)
  const dead = q.entryFor(Buffer.from('dead'), false, 4, undefined, 1)
  dead.expiresAt = Date.now() - 1
  q.enqueue(dead)
  q.enqueue(live)
  const c = new TestConsumer(q)
  q.addConsumer(c)
  assert.deepEqual(c.texts(), ['live'])
  assert.equal(q.stats.discardsTtl, 1)
  assert.deepEqual(h.dequeues, ['expired'])
  const q2 = new Queue('q2', host())
  const e = q2.entryFor(Buffer.from('x'), false, 4, undefined, 1)
  e.expiresAt = Date.now() - 1
  q2.enqueue(e)
  assert.equal(q2.purgeExpired(), 1)
  assert.equal(q2.msgDepth, 0)
})
