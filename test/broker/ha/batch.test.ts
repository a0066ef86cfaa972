import assert from 'node:assert/strict'
import { test } from 'node:test'
import { batchPayload, decodeBatch, encodeBatch } from '../../../src/broker/ha/batch.js'

test('a batch carries messages, expiring messages with the time they have left, and dequeues, in order', () => {
  const records = [
    { id: 1, bytes: Buffer.from('plain') },
    { id: 2 ** 40, bytes: Buffer.from('expiring'), ttl: 2500 },
    { dequeued: [1, 7, 2 ** 47] },
    { id: 3, bytes: Buffer.alloc(0), ttl: 1 },
  ]
  const message = encodeBatch(records)
  const payload = batchPayload(message, 0)
  assert.ok(payload)
  assert.deepEqual(decodeBatch(payload), records)
})

test('a time already past is sent as 1 ms (the copy expires at once), a huge one is capped', () => {
  const payload = batchPayload(
    encodeBatch([
      { id: 1, bytes: Buffer.from('a'), ttl: -50 },
      { id: 2, bytes: Buffer.from('b'), ttl: 2 ** 60 },
    ]),
    0,
  )
  assert.ok(payload)
  assert.deepEqual(
    decodeBatch(payload).map((r) => ('ttl' in r ? r.ttl : undefined)),
    [1, 2 ** 48 - 1],
  )
})

test('a truncated record ends the batch without inventing a message', () => {
  const payload = batchPayload(encodeBatch([{ id: 9, bytes: Buffer.from('whole'), ttl: 100 }]), 0)
  assert.ok(payload)
  assert.deepEqual(decodeBatch(payload.subarray(0, payload.length - 1)), [])
})
