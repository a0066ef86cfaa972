// The observable contract of each performance patch to rhea (transport/rhea/), checked in this
// process with every patch installed as in the broker: each test fails when its patch is missing.
// The correctness patches have behavioural tests against a real broker (see docs/broker.md).
import assert from 'node:assert/strict'
import { EventEmitter } from 'node:events'
import type { AddressInfo } from 'node:net'
import { test } from 'node:test'
import rhea from 'rhea'
import { installRheaPatches, quietContainerDispatch } from '../../../../src/broker/transport/rhea/index.js'
import { rheaInternals } from '../../../../src/broker/transport/rhea/internals.js'

const r = rheaInternals()
// rhea's own functions, kept to compare against
const rheaWriteFrame = r.frames.write_frame
const rheaTransfer = r.frames.transfer
installRheaPatches()

type Any = any

/** A rhea server and a client connected to it in this process (127.0.0.1, port 0). */
async function pair(t: { after(fn: () => unknown): void }) {
  const server = rhea.create_container({ id: 'patch-server', autoaccept: false } as never)
  const listener = server.listen({ host: '127.0.0.1', port: 0 } as never) as Any
  await new Promise((resolve) => listener.once('listening', resolve))
  t.after(() => listener.close())
  const client = rhea.create_container({ id: 'patch-client' })
  const conn = client.connect({
    host: '127.0.0.1',
    port: (listener.address() as AddressInfo).port,
    reconnect: false,
  } as never) as Any
  t.after(() => conn.socket?.destroy())
  await new Promise((resolve) => conn.once('connection_open', resolve))
  return { server, conn }
}

function within<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms).unref()),
  ])
}

test('output batching: the frames of one tick leave in one socket write', async (t) => {
  const { server, conn } = await pair(t)
  let arrived = 0
  const all = new Promise<void>((resolve) =>
    server.on('message', () => {
      if (++arrived === 20) resolve()
    }),
  )
  const sender = conn.open_sender({ target: { address: 'q' }, snd_settle_mode: 1 })
  await within(5000, 'credit', new Promise((resolve) => sender.once('sendable', resolve)))
  const socket = conn.socket
  let writes = 0
  for (const name of ['_write', '_writev']) {
    const original = socket[name]
    socket[name] = function (this: unknown, ...args: unknown[]) {
      writes++
      return original.apply(this, args)
    }
  }
  for (let i = 0; i < 20; i++) sender.send({ body: `m${i}` })
  await within(5000, '20 messages at the server', all)
  assert.equal(writes, 1)
})

test('frame encoding: the same bytes as rhea, in exactly-sized buffers from the shared pool', () => {
  const m = r.message
  const performatives = [
    r.frames.open({ container_id: 'c', max_frame_size: 65536, properties: { a: 1 } }),
    r.frames.begin({ next_outgoing_id: 0, incoming_window: 2048, outgoing_window: 4294967295 }),
    r.frames.attach({ name: 'l', handle: 3, role: true, source: {}, target: {} }),
    r.frames.flow({ handle: 3, link_credit: 100, delivery_count: 7, incoming_window: 5 }),
    r.frames.disposition({ role: true, first: 1, last: 9, settled: true, state: m.accepted().described() }),
    r.frames.detach({ handle: 3, closed: true }),
    r.frames.close({}),
  ]
  const encoded: Buffer[] = []
  for (const p of performatives) {
    const frame = r.frames.amqp_frame(5, p.described(), Buffer.from('payload'))
    const ours = r.frames.write_frame(frame) as Buffer
    assert.deepEqual(ours, rheaWriteFrame(frame))
    assert.equal(ours.length, ours.readUInt32BE(0))
    encoded.push(ours)
  }
  const transfer = r.frames.amqp_frame(1, rheaTransfer({ handle: 0, delivery_id: 4, delivery_tag: Buffer.from('4') }))
  assert.deepEqual(r.frames.write_frame(transfer), rheaWriteFrame(transfer))
  // rhea cut every frame from a fresh 1 KiB buffer of its own
  for (const b of encoded) assert.equal(b.buffer.byteLength, Buffer.poolSize)
})

test('event dispatch: link, session and connection never copy listener arrays', () => {
  const noCopy = <T extends EventEmitter>(e: T): T => {
    e.listeners = () => {
      throw new Error('listeners() copies the array')
    }
    return e
  }
  const seen: string[] = []
  const container = { dispatch: (name: string) => seen.push(`container ${name}`) > 0 }
  const options = { id: 'c' }
  const connection = Object.assign(noCopy(new EventEmitter()), { container, options, dispatch: r.connection.dispatch })
  const session = Object.assign(noCopy(new EventEmitter()), {
    connection,
    observers: new EventEmitter(),
    dispatch: r.session.dispatch,
  })
  const link = Object.assign(noCopy(new EventEmitter()), { session, connection, observers: new EventEmitter() })
  link.observers.on('message', () => seen.push('observer'))
  session.on('settled', () => seen.push('session settled'))
  assert.equal(r.link.dispatch.call(link, 'message', {}), true)
  assert.equal(r.link.dispatch.call(link, 'settled', {}), true)
  assert.equal(r.session.dispatch.call(session, 'accepted', {}), true)
  assert.equal(r.connection.dispatch.call(connection, 'sendable', {}), true)
  assert.deepEqual(seen, [
    'observer',
    'container message',
    'session settled',
    'container accepted',
    'container sendable',
  ])
})

test("the broker's container: an event nobody listens to, 'error' included, is not thrown", () => {
  const c = rhea.create_container({ id: 'quiet' }) as Any
  quietContainerDispatch(c)
  assert.equal(c.dispatch('error', new Error('nobody listens')), false)
  let heard = 0
  c.on('sendable', () => heard++)
  assert.equal(c.dispatch('sendable', {}), true)
  assert.equal(heard, 1)
})

test('incoming deliveries: rhea fields, with their methods shared on one prototype', async (t) => {
  const { server, conn } = await pair(t)
  const deliveries: Any[] = []
  const two = new Promise<void>((resolve) =>
    server.on('message', (ctx: Any) => {
      if (deliveries.push(ctx.delivery) === 2) resolve()
    }),
  )
  const sender = conn.open_sender('q')
  const outcomes: string[] = []
  sender.on('accepted', () => outcomes.push('accepted'))
  sender.on('rejected', () => outcomes.push('rejected'))
  await within(5000, 'credit', new Promise((resolve) => sender.once('sendable', resolve)))
  sender.send({ body: 'a' })
  sender.send({ body: 'b' })
  await within(5000, 'two deliveries', two)
  const [a, b] = deliveries
  for (const k of ['id', 'tag', 'format', 'link', 'settled', 'state', 'remote_settled', 'remote_state'])
    assert.ok(k in a, k)
  assert.deepEqual([a.id, b.id, a.format, a.remote_settled], [0, 1, 0, false])
  for (const k of ['update', 'accept', 'release', 'reject', 'modified']) {
    assert.equal(Object.hasOwn(a, k), false, `${k} is not a closure of its own`)
    assert.equal(a[k], b[k])
  }
  a.accept()
  b.reject({ condition: 'amqp:not-allowed' })
  await within(5000, 'both outcomes', new Promise<void>((resolve) => sender.on('rejected', () => resolve())))
  assert.deepEqual(outcomes, ['accepted', 'rejected'])
})

test("outgoing deliveries: one shared update(), tags '0', '1', ... as rhea numbers them", async (t) => {
  const { conn } = await pair(t)
  const sender = conn.open_sender('q')
  await within(5000, 'credit', new Promise((resolve) => sender.once('sendable', resolve)))
  const a = sender.send({ body: 'a' })
  const b = sender.send({ body: 'b' })
  assert.deepEqual([a.tag, b.tag], [Buffer.from('0'), Buffer.from('1')])
  assert.equal(Object.hasOwn(a, 'update'), false)
  assert.equal(a.update, b.update)
  assert.deepEqual([a.id, b.id, a.format, a.settled, a.remote_settled, a.sent], [0, 1, 0, false, false, false])
})

test('disabled logging: rhea loggers not enabled at start-up are one shared no-op', () => {
  assert.equal(process.env.DEBUG, undefined)
  const loggers = Object.values(r.log)
  assert.equal(new Set(loggers).size, 1)
  assert.equal('namespace' in (loggers[0] as object), false)
})

test('raw decoding: a received message is scanned, keeping a copy of its encoded bytes', () => {
  const bytes = r.message.encode({ subject: 's', body: 'hello' }) as Buffer
  const received = Buffer.concat([Buffer.from('xx'), bytes]).subarray(2)
  const m = r.message.decode(received)
  received.fill(0)
  assert.deepEqual([m.subject, m.bytes], ['s', bytes], 'a copy, not a view of the read buffer')
})
