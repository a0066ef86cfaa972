// The hot-path message scanner against rhea's encoder: every field routing uses, odd encodings,
// malformed input.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import rhea from 'rhea'
import { valueEnd } from '../../../src/broker/message/amqp-scan.js'
import { decodeFull, encodeMessage, scanMessage, withDeliveryCount } from '../../../src/broker/message/codec.js'

test('header, properties and application properties are read; the body is left alone', () => {
  const bytes = encodeMessage({
    durable: true,
    priority: 7,
    ttl: 5000,
    to: 'dest',
    subject: 'a.b',
    reply_to: 'replies',
    correlation_id: 'c-1',
    content_type: 'amqp/map',
    application_properties: { 'x-amqp-0-10.app-id': 'qmf2', n: 5, big: 'x'.repeat(300) },
    message_annotations: { 'x-opt-foo': 'bar' },
    body: { _what: 'OBJECT' },
  })
  const m = scanMessage(bytes)
  assert.equal(m.durable, true)
  assert.equal(m.priority, 7)
  assert.equal(m.ttl, 5000)
  assert.equal(m.to, 'dest')
  assert.equal(m.subject, 'a.b')
  assert.equal(m.replyTo, 'replies')
  assert.equal(m.correlationId, 'c-1')
  assert.equal(m.contentType, 'amqp/map')
  assert.deepEqual(m.applicationProperties, { 'x-amqp-0-10.app-id': 'qmf2', n: 5, big: 'x'.repeat(300) })
  assert.deepEqual(decodeFull(m.bytes).body, { _what: 'OBJECT' })
  assert.equal(m.bytes[m.bodyOffset], 0x00)
})

test('defaults without header or properties', () => {
  const m = scanMessage(encodeMessage({ body: 'x' }))
  assert.equal(m.durable, false)
  assert.equal(m.priority, 4)
  assert.equal(m.subject, undefined)
  assert.equal(m.applicationProperties, undefined)
})

test('numeric correlation ids and uuid message ids', () => {
  const m = scanMessage(encodeMessage({ message_id: rhea.generate_uuid(), correlation_id: 42, body: 'x' }))
  assert.equal(m.correlationId, 42)
})

test('symbolic section descriptors and 32-bit lists', () => {
  const t = rhea.types as unknown as Record<string, (...a: unknown[]) => unknown> & {
    Writer: new () => { write(v: unknown): void; toBuffer(): Buffer }
  }
  const w = new t.Writer()
  const header = t.described(t.wrap_symbol('amqp:header:list'), t.List32([t.wrap_boolean(true), t.wrap_ubyte(9)]))
  w.write(header)
  w.write(t.described(t.wrap_ulong(0x77), t.wrap_string('body')))
  const m = scanMessage(w.toBuffer())
  assert.equal(m.durable, true)
  assert.equal(m.priority, 9)
})

test('malformed and truncated messages throw', () => {
  const good = encodeMessage({ subject: 's', body: 'hello' })
  assert.throws(() => scanMessage(good.subarray(0, 6)))
  assert.throws(() => scanMessage(Buffer.from([0x41, 0x42])))
  assert.throws(() => scanMessage(Buffer.from([0x00, 0x53, 0x73, 0xc0, 0xff, 0x09])))
  assert.throws(() => valueEnd(Buffer.from([0x1f]), 0))
})

test('redelivered messages get delivery-count in a rewritten header, the rest unchanged', () => {
  const original = encodeMessage({ durable: true, priority: 6, ttl: 900, subject: 's', body: 'payload' })
  const again = withDeliveryCount(original, 3)
  const m = decodeFull(again) as Record<string, unknown>
  assert.equal(m.delivery_count, 3)
  assert.equal(m.durable, true)
  assert.equal(m.priority, 6)
  assert.equal(m.ttl, 900)
  assert.equal(m.subject, 's')
  assert.equal(m.body, 'payload')
  const noHeader = encodeMessage({ body: 'b' }).subarray(0)
  assert.equal((decodeFull(withDeliveryCount(noHeader, 1)) as Record<string, unknown>).delivery_count, 1)
})

test('absolute-expiry-time is read from the properties', () => {
  const at = Date.now() + 5000
  const m = scanMessage(encodeMessage({ absolute_expiry_time: new Date(at), subject: 'x', body: 'b' }))
  assert.equal(m.absoluteExpiry, at)
  assert.equal(m.subject, 'x')
})
