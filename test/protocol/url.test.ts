import assert from 'node:assert/strict'
import { test } from 'node:test'
import { PythonError } from '../../src/protocol/errors.js'
import { hostPort, parseBrokerUrl } from '../../src/protocol/url.js'

test('host only, host:port, default ports per scheme', () => {
  assert.deepEqual(parseBrokerUrl('localhost'), {
    scheme: 'amqp',
    user: undefined,
    password: undefined,
    host: 'localhost',
    port: 5672,
    text: 'localhost',
  })
  assert.equal(parseBrokerUrl('10.1.1.7:10000').port, 10000)
  assert.equal(parseBrokerUrl('amqps://h').port, 5671)
  assert.equal(parseBrokerUrl('amqp://h').port, 5672)
  assert.equal(parseBrokerUrl('AMQPS://h:1').scheme, 'amqps')
  assert.equal(parseBrokerUrl('h', 9999).port, 9999)
})

test('user and password are separated by a slash', () => {
  const u = parseBrokerUrl('guest/guest@broker-host:10000')
  assert.equal(u.user, 'guest')
  assert.equal(u.password, 'guest')
  assert.equal(u.host, 'broker-host')
  assert.equal(u.port, 10000)
  const v = parseBrokerUrl('admin@h')
  assert.equal(v.user, 'admin')
  assert.equal(v.password, undefined)
})

test('IPv6 literals in brackets', () => {
  const u = parseBrokerUrl('amqps://admin/secret@[::1]:5671')
  assert.equal(u.host, '::1')
  assert.equal(u.port, 5671)
  assert.equal(hostPort(u), '[::1]:5671')
  assert.equal(hostPort(parseBrokerUrl('127.0.0.1:25672')), '127.0.0.1:25672')
})

test('anything that does not match completely is a ValueError carrying the text', () => {
  for (const bad of ['a@b@c', 'user:pass@host', 'h:port', 'h:1:2', '', 'h/x', '[zz]:1', 'h:99999', 'h:']) {
    assert.throws(
      () => parseBrokerUrl(bad),
      (err: unknown) => err instanceof PythonError && err.pythonClass === 'ValueError' && err.message === bad,
      bad,
    )
  }
})
