import assert from 'node:assert/strict'
import { test } from 'node:test'
import rhea from 'rhea'
import { agentException, PythonError, pyStr, socketError } from '../../src/protocol/errors.js'
import { fromTyped, installTypedBodyDecoding, typedDecodingProblems } from '../../src/protocol/qmf-decode.js'
import { isRef, refName, toQmfObject, Uuid } from '../../src/protocol/qmf-types.js'

const t = rhea.types as any
const codec = (rhea as any).message

test('binary strings decode as text, uuids as Uuid, 64-bit integers as numbers', () => {
  const uuid = Buffer.from('00112233445566778899aabbccddeeff', 'hex')
  const ts = Buffer.alloc(8)
  ts.writeBigUInt64BE(1700000000123456789n)
  const typed = t.wrap_map({
    name: t.wrap_binary(Buffer.from('q1')),
    id: t.wrap_uuid(uuid),
    ts: t.wrap_ulong(ts),
    neg: t.wrap_long(-5),
    list: t.wrap_list([t.wrap_binary(Buffer.from('a')), 1, null]),
    nested: t.wrap_map({ k: t.wrap_binary(Buffer.from('v')) }),
    flag: true,
  })
  const v = fromTyped(typed) as Record<string, unknown>
  assert.equal(v.name, 'q1')
  assert.ok(v.id instanceof Uuid)
  assert.equal(String(v.id), '00112233-4455-6677-8899-aabbccddeeff')
  assert.equal(JSON.stringify(v.id), '"00112233-4455-6677-8899-aabbccddeeff"')
  assert.equal(v.ts, Number(1700000000123456789n))
  assert.equal(v.neg, -5)
  assert.deepEqual(v.list, ['a', 1, null])
  assert.deepEqual(v.nested, { k: 'v' })
  assert.equal(v.flag, true)
})

test('installTypedBodyDecoding makes received amqp-value bodies typed-decoded', () => {
  installTypedBodyDecoding()
  const encoded = codec.encode({ body: t.wrap_map({ name: t.wrap_binary(Buffer.from('amq.direct')) }) })
  assert.deepEqual(codec.decode(encoded).body, { name: 'amq.direct' })
})

test('typed decoding checks the rhea internals it wraps before it installs', () => {
  const Reader = t.Reader
  assert.deepEqual(typedDecodingProblems({ version: '3.0.5', message: codec, Reader }, '3.0.5'), [])
  assert.deepEqual(typedDecodingProblems({ version: '3.1.0', message: {}, Reader: class {} }, '3.0.5'), [
    'version 3.1.0 is not the pinned 3.0.5',
    'message.decode(buffer) missing',
    'types.Reader with read() and remaining() missing',
  ])
})

test('objects: names, references and the text after the second colon', () => {
  const o = toQmfObject({
    _object_id: { _object_name: 'org.apache.qpid.broker:queue:q1' },
    _schema_id: { _class_name: 'queue', _package_name: 'org.apache.qpid.broker' },
    _values: { name: 'q1' },
    _create_ts: 5,
  })
  assert.equal(o.objectName, 'org.apache.qpid.broker:queue:q1')
  assert.equal(o.className, 'queue')
  assert.equal(o.packageName, 'org.apache.qpid.broker')
  assert.equal(o.createTs, 5)
  assert.equal(o.deleteTs, 0)
  assert.equal(refName({ _object_name: 'org.apache.qpid.broker:exchange:amq.direct' }), 'amq.direct')
  assert.equal(refName({ _object_name: 'org.apache.qpid.broker:exchange:' }), '')
  assert.equal(refName({ _object_name: 'org.apache.qpid.broker:binding:x:y' }), 'x:y')
  assert.equal(refName('plain'), '')
  assert.equal(isRef({ _object_name: 'a' }), true)
  assert.equal(isRef({ name: 'a' }), false)
})

test('agent exceptions and socket errors read as the Python tools printed them', () => {
  const e = agentException(7, 'object already exists: q1')
  assert.equal(e.pythonClass, 'Exception')
  assert.equal(e.code, 7)
  assert.equal(e.message, "Exception from Agent: {'error_code': 7, 'error_text': 'object already exists: q1'}")
  assert.equal(pyStr("it's"), `"it's"`)
  assert.equal(pyStr(`'"`), `'\\'"'`)
  const refused = socketError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))
  assert.ok(refused instanceof PythonError)
  assert.equal(`${refused.pythonClass}: ${refused.message}`, 'ConnectError: [Errno 111] Connection refused')
  const unknown = socketError(Object.assign(new Error('x'), { code: 'ENOTFOUND' }))
  assert.equal(`${unknown.pythonClass}: ${unknown.message}`, 'ConnectError: [Errno -2] Name or service not known')
})
