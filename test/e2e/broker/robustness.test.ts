// Bad input over raw TCP: random bytes, bad headers, malformed and truncated frames, a transfer with
// an undecodable message, a flood of half-open connections. The broker must answer with AMQP errors
// or drop the connection, and keep serving a normal client afterwards.
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { createRequire } from 'node:module'
import { type Socket, connect as tcpConnect } from 'node:net'
import { test } from 'node:test'
import { startBroker } from '../../helpers/broker.js'
import {
  close,
  connect,
  method,
  openSender,
  plain,
  qmfSession,
  receive,
  sendAndWait,
} from '../../helpers/rhea-client.js'

const require = createRequire(import.meta.url)
const frames = require('rhea/lib/frames.js') as any

const AMQP_HEADER = Buffer.from([0x41, 0x4d, 0x51, 0x50, 0, 1, 0, 0])
const SASL_HEADER = Buffer.from([0x41, 0x4d, 0x51, 0x50, 3, 1, 0, 0])

function frame(channel: number, performative: unknown, payload?: Buffer): Buffer {
  return frames.write_frame(frames.amqp_frame(channel, performative, payload))
}
const open = () => frame(0, frames.open({ container_id: 'fuzz' }).described())
const begin = () =>
  frame(0, frames.begin({ next_outgoing_id: 0, incoming_window: 100, outgoing_window: 100 }).described())
const attachSender = (name: string, address: string) =>
  frame(
    0,
    frames
      .attach({ name, handle: 0, role: false, source: {}, target: { address }, initial_delivery_count: 0 })
      .described(),
  )
const transfer = (payload: Buffer) =>
  frame(
    0,
    frames.transfer({ handle: 0, delivery_id: 0, delivery_tag: Buffer.from('t'), message_format: 0 }).described(),
    payload,
  )

/** Writes chunks, then waits until the broker closes the socket or `ms` pass; returns what it sent back. */
function exchange(port: number, chunks: Buffer[], ms = 1000): Promise<{ data: Buffer; closed: boolean }> {
  return new Promise((resolve) => {
    const s: Socket = tcpConnect({ host: '127.0.0.1', port })
    const got: Buffer[] = []
    let closed = false
    const done = () => {
      clearTimeout(timer)
      s.destroy()
      resolve({ data: Buffer.concat(got), closed })
    }
    const timer = setTimeout(done, ms)
    s.on('data', (d) => got.push(d))
    s.on('error', () => {})
    s.on('close', () => {
      closed = true
      done()
    })
    s.on('connect', () => {
      for (const c of chunks) s.write(c)
    })
  })
}

async function stillServes(port: number): Promise<void> {
  const conn = await connect(port)
  const q = await qmfSession(conn)
  const name = `alive-${Math.random().toString(36).slice(2)}`
  const r = await method(q, 'create', { type: 'queue', name, properties: {} })
  assert.equal(r.properties['qmf.opcode'], '_method_response', JSON.stringify(plain(r.body)))
  const s = await openSender(conn, name)
  assert.equal((await sendAndWait(s, { body: 'ok' })).outcome, 'accepted')
  assert.equal((await receive(conn, name, 1)).messages[0].message.body, 'ok')
  await close(conn)
}

test('garbage, bad headers and malformed frames are refused; the broker keeps serving', async (t) => {
  const b = await startBroker(t)
  const cases: [string, Buffer[]][] = [
    ['random bytes', [randomBytes(4096)]],
    ['HTTP request', [Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n')]],
    ['unknown protocol version', [Buffer.from([0x41, 0x4d, 0x51, 0x50, 0, 9, 9, 9])]],
    ['header then random bytes', [AMQP_HEADER, randomBytes(512)]],
    ['SASL header then random bytes', [SASL_HEADER, randomBytes(512)]],
    ['frame with absurd size', [AMQP_HEADER, Buffer.from([0xff, 0xff, 0xff, 0xff, 2, 0, 0, 0])]],
    ['frame with size below the header', [AMQP_HEADER, Buffer.from([0, 0, 0, 3, 2, 0, 0, 0])]],
    ['frame with bad doff', [AMQP_HEADER, Buffer.from([0, 0, 0, 8, 0, 0, 0, 0])]],
    ['truncated open', [AMQP_HEADER, open().subarray(0, 12)]],
    [
      'open then an unknown performative',
      [AMQP_HEADER, open(), Buffer.from([0, 0, 0, 12, 2, 0, 0, 0, 0x00, 0x53, 0x99, 0x45])],
    ],
    ['begin before open', [AMQP_HEADER, begin()]],
    ['open twice', [AMQP_HEADER, open(), open()]],
    [
      'attach on an unknown channel',
      [AMQP_HEADER, open(), frame(5, frames.attach({ name: 'l', handle: 0, role: false }).described())],
    ],
    [
      'transfer without attach',
      [AMQP_HEADER, open(), begin(), transfer(Buffer.from([0x00, 0x53, 0x77, 0xa1, 0x01, 0x41]))],
    ],
    [
      'transfer of an undecodable message',
      [AMQP_HEADER, open(), begin(), attachSender('s', 'amq.fanout'), transfer(randomBytes(64))],
    ],
    [
      'transfer of a truncated message',
      [
        AMQP_HEADER,
        open(),
        begin(),
        attachSender('s', 'amq.fanout'),
        transfer(Buffer.from([0x00, 0x53, 0x77, 0xb1, 0, 0, 1, 0])),
      ],
    ],
    [
      'QMF request with a list body',
      [
        AMQP_HEADER,
        open(),
        begin(),
        attachSender('s', 'qmf.default.direct'),
        transfer(
          Buffer.concat([
            Buffer.from([0x00, 0x53, 0x73, 0xc0, 0x09, 0x04, 0x40, 0x40, 0x40, 0xa1, 0x06]),
            Buffer.from('broker'),
            Buffer.from([0x00, 0x53, 0x77, 0x45]),
          ]),
        ),
      ],
    ],
    ['frames cut in the middle', [AMQP_HEADER, Buffer.concat([open(), begin()]).subarray(0, 30)]],
  ]
  for (const [what, chunks] of cases) {
    const r = await exchange(b.port, chunks, 500)
    assert.ok(b.process.exitCode === null, `broker exited after: ${what}`)
    void r
  }
  await stillServes(b.port)
  assert.doesNotMatch(b.stderr(), / {4}at /, 'no stack traces in the log')
})

test('many connections that never finish the handshake do not stop normal clients', async (t) => {
  const b = await startBroker(t)
  const sockets: Socket[] = []
  for (let i = 0; i < 50; i++) {
    const s = tcpConnect({ host: '127.0.0.1', port: b.port })
    s.on('error', () => {})
    s.on('connect', () => s.write(AMQP_HEADER.subarray(0, 4)))
    sockets.push(s)
  }
  try {
    await stillServes(b.port)
  } finally {
    for (const s of sockets) s.destroy()
  }
})

test('random fuzz of valid-looking frame sequences', async (t) => {
  const b = await startBroker(t)
  const parts = [open(), begin(), attachSender('f', 'amq.topic'), transfer(randomBytes(32))]
  for (let i = 0; i < 30; i++) {
    const chunks = [AMQP_HEADER]
    for (let j = 0; j < 4; j++) {
      const p = Buffer.from(parts[Math.floor(Math.random() * parts.length)])
      // flip a few bytes
      for (let k = 0; k < 3; k++) p[Math.floor(Math.random() * p.length)] = Math.floor(Math.random() * 256)
      chunks.push(p)
    }
    await exchange(b.port, chunks, 100)
    assert.ok(b.process.exitCode === null, 'broker still running')
  }
  await stillServes(b.port)
})
