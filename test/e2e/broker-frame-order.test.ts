// A consumer whose attach and first flow reach the broker in one read, on a queue that already
// holds messages, must see the broker's attach before any transfer on that link (AMQP 1.0 §2.6.1):
// a client (rhea, Proton) drops the connection on a transfer for a handle it does not know.
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { connect as tcpConnect } from 'node:net'
import { test } from 'node:test'
import { startBroker } from '../helpers/broker.js'
import { close, connect, method, openSender, qmfSession, sendAndWait } from './broker-helpers.js'

const require = createRequire(import.meta.url)
const frames = require('rhea/lib/frames.js') as any
const terminus = require('rhea/lib/terminus.js') as any

const AMQP_HEADER = Buffer.from([0x41, 0x4d, 0x51, 0x50, 0, 1, 0, 0])
const frame = (performative: unknown) => frames.write_frame(frames.amqp_frame(0, performative))
const ATTACH = 0x12
const TRANSFER = 0x14

/** Performative codes of the AMQP frames in `data` (after the 8-byte protocol header), in order. */
function performatives(data: Buffer): number[] {
  const codes: number[] = []
  for (let pos = 8; pos + 8 <= data.length; ) {
    const size = data.readUInt32BE(pos)
    const body = pos + data[pos + 4] * 4
    // a described performative: 0x00, then its descriptor as a smallulong (0x53 <code>)
    if (size > 8 && data[body] === 0x00 && data[body + 1] === 0x53) codes.push(data[body + 2])
    pos += size
  }
  return codes
}

test('attach is written before the first transfer of a consumer that brings credit with it', async (t) => {
  const broker = await startBroker(t)
  const conn = await connect(broker.port)
  await method(await qmfSession(conn), 'create', { type: 'queue', name: 'ordered', properties: {} })
  const sender = await openSender(conn, 'ordered')
  for (let i = 0; i < 3; i++) assert.equal((await sendAndWait(sender, { body: `m${i}` })).outcome, 'accepted')
  await close(conn)

  const burst = Buffer.concat([
    AMQP_HEADER,
    frame(frames.open({ container_id: 'order-probe' }).described()),
    frame(frames.begin({ next_outgoing_id: 0, incoming_window: 100, outgoing_window: 100 }).described()),
    frame(
      frames
        .attach({
          name: 'c',
          handle: 0,
          role: true,
          source: terminus.source({ address: 'ordered' }).described(),
          target: terminus.target({}).described(),
        })
        .described(),
    ),
    frame(
      frames
        .flow({
          incoming_window: 100,
          next_outgoing_id: 0,
          outgoing_window: 100,
          handle: 0,
          delivery_count: 0,
          link_credit: 10,
        })
        .described(),
    ),
  ])
  const data = await new Promise<Buffer>((resolve, reject) => {
    const socket = tcpConnect({ host: '127.0.0.1', port: broker.port })
    const got: Buffer[] = []
    const timer = setTimeout(() => {
      socket.destroy()
      reject(new Error(`no transfer within 5 s: ${performatives(Buffer.concat(got))}`))
    }, 5000)
    socket.on('data', (d) => {
      got.push(d)
      if (performatives(Buffer.concat(got)).includes(TRANSFER)) {
        clearTimeout(timer)
        socket.destroy()
        resolve(Buffer.concat(got))
      }
    })
    socket.on('error', reject)
    socket.on('connect', () => socket.write(burst))
  })
  const codes = performatives(data)
  // open, begin, attach, then the transfers
  assert.deepEqual(codes.slice(0, 4), [0x10, 0x11, ATTACH, TRANSFER], `frames: ${codes}`)
})
