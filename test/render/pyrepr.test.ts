import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Uuid } from '../../src/protocol/qmf-types.js'
import { jsonObject, jsonValue } from '../../src/render/json.js'
import { pyDisplay, pyRepr } from '../../src/render/pyrepr.js'

test('pyRepr renders scalars as Python 3 does', () => {
  assert.equal(pyRepr('bar'), "'bar'")
  assert.equal(pyRepr("it's"), `"it's"`)
  assert.equal(pyRepr(`a'b"c`), `'a\\'b"c'`)
  assert.equal(pyRepr('tab\there\n'), "'tab\\there\\n'")
  assert.equal(pyRepr(1000), '1000')
  assert.equal(pyRepr(-3), '-3')
  assert.equal(pyRepr(1.5), '1.5')
  assert.equal(pyRepr(true), 'True')
  assert.equal(pyRepr(false), 'False')
  assert.equal(pyRepr(null), 'None')
  assert.equal(pyRepr(undefined), 'None')
})

test('pyRepr renders maps in received order, nested containers recursively', () => {
  assert.equal(pyRepr({}), '{}')
  assert.equal(pyRepr({ 'x-match': 'all', a: '1' }), "{'x-match': 'all', 'a': '1'}")
  assert.equal(
    pyRepr({ error_code: 7, error_text: 'object already exists: q1' }),
    "{'error_code': 7, 'error_text': 'object already exists: q1'}",
  )
  assert.equal(pyRepr({ m: { n: [1, 'two', null] }, b: true }), "{'m': {'n': [1, 'two', None]}, 'b': True}")
  assert.equal(pyRepr([]), '[]')
})

test('pyRepr prints UUIDs as qpid-python UUID objects', () => {
  const u = new Uuid(Buffer.from('0f8e8a2c6a3c4c5e9a5e0a0b0c0d0e0f', 'hex'))
  assert.equal(pyRepr({ id: u }), "{'id': UUID('0f8e8a2c-6a3c-4c5e-9a5e-0a0b0c0d0e0f')}")
  assert.equal(pyDisplay(u), '0f8e8a2c-6a3c-4c5e-9a5e-0a0b0c0d0e0f')
})

test('pyDisplay prints top-level strings bare and everything else as repr', () => {
  assert.equal(pyDisplay('q1'), 'q1')
  assert.equal(pyDisplay(true), 'True')
  assert.equal(pyDisplay({ k: 'v' }), "{'k': 'v'}")
  assert.equal(pyDisplay(null), 'None')
})

test('jsonValue turns references into names and keeps numbers', () => {
  const u = new Uuid(Buffer.alloc(16, 0xab))
  assert.deepEqual(
    jsonObject({
      name: 'q1',
      durable: false,
      msgDepth: 12,
      vhostRef: { _object_name: 'org.apache.qpid.broker:vhost:org.apache.qpid.broker:broker:amqp-broker,/' },
      altExchange: { _object_name: 'org.apache.qpid.broker:exchange:amq.fanout' },
      arguments: { 'qpid.max_count': 5, nested: { a: [1, null] } },
      id: u,
    }),
    {
      name: 'q1',
      durable: false,
      msgDepth: 12,
      vhostRef: 'org.apache.qpid.broker:broker:amqp-broker,/',
      altExchange: 'amq.fanout',
      arguments: { 'qpid.max_count': 5, nested: { a: [1, null] } },
      id: 'abababab-abab-abab-abab-abababababab',
    },
  )
  assert.equal(jsonValue(undefined), null)
})
