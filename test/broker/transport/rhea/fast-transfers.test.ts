// The broker's own transfer-frame codec must agree with rhea's in both directions.
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { test } from 'node:test'
import { fastTransfers, writeTransfer } from '../../../../src/broker/transport/rhea/fast-transfers.js'
import { installRheaPatch } from '../../../../src/broker/transport/rhea/index.js'

const require = createRequire(import.meta.url)
type Perf = Record<string, unknown>
const frames = require('rhea/lib/frames.js') as {
  read_frame(b: Buffer): { channel: number; performative: Perf; payload?: Buffer }
  write_frame(f: unknown): Buffer
  amqp_frame(ch: number, p: unknown, payload?: Buffer): unknown
  transfer(f: Perf): Perf
}
const types = require('rhea/lib/types.js') as { Writer: new (b?: Buffer) => never }
const originalRead = frames.read_frame
const originalTransfer = frames.transfer
installRheaPatch(fastTransfers)

const FIELDS = ['handle', 'delivery_id', 'delivery_tag', 'message_format', 'settled', 'more']
const pick = (p: Perf) => Object.fromEntries(FIELDS.map((k) => [k, p[k] ?? undefined]))

const cases: Perf[] = [
  { handle: 0, delivery_id: 0, delivery_tag: Buffer.from('0'), message_format: 0, settled: false, more: false },
  { handle: 7, delivery_id: 300, delivery_tag: Buffer.from('tag-300'), message_format: 0, settled: true, more: true },
  { handle: 70000, delivery_id: 4294967295, delivery_tag: Buffer.alloc(32, 1), message_format: 5, settled: false },
  { handle: 1 },
]

test('incoming transfers parse to the same fields as rhea', () => {
  for (const c of cases) {
    const bytes = frames.write_frame(frames.amqp_frame(3, originalTransfer(c), Buffer.from('payload')))
    const fast = frames.read_frame(bytes)
    const slow = originalRead(bytes)
    assert.equal(fast.channel, 3)
    assert.deepEqual(pick(fast.performative), pick(slow.performative), JSON.stringify(c))
    assert.deepEqual(fast.payload, slow.payload)
    assert.equal(typeof fast.performative.dispatch, 'function')
  }
})

test('outgoing transfers written by the fixed encoder decode with rhea', () => {
  for (const c of cases) {
    const w = new types.Writer(Buffer.alloc(256)) as unknown as { position: number; buffer: Buffer }
    assert.equal(writeTransfer(w as never, frames.transfer(c)), true)
    const perfBytes = w.buffer.subarray(0, w.position)
    const frame = Buffer.concat([Buffer.from([0, 0, 0, 0, 2, 0, 0, 0]), perfBytes])
    frame.writeUInt32BE(frame.length, 0)
    const slow = originalRead(frame)
    assert.deepEqual(pick(slow.performative), pick(c as Perf), JSON.stringify(c))
  }
})

test('transfers with a delivery state or long tags fall back to rhea', () => {
  const w = new types.Writer(Buffer.alloc(256)) as unknown as { position: number }
  assert.equal(writeTransfer(w as never, frames.transfer({ handle: 0, delivery_tag: Buffer.alloc(40) })), false)
  assert.equal(writeTransfer(w as never, { not: 'a transfer' }), false)
})
