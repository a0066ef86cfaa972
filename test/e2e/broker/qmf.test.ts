// The QMF v2 agent of qpidd-ref as the tools see it over AMQP 1.0: queries, partial responses,
// methods and every error text, and the exact AMQP types of the response values.
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { before, test } from 'node:test'
import rhea from 'rhea'
import { type RunningBroker, startBroker } from '../../helpers/broker.js'
import {
  close,
  connect,
  method,
  openSender,
  plain,
  qmfSession,
  queryClass,
  queueValues,
  receive,
} from '../../helpers/rhea-client.js'

type Session = Awaited<ReturnType<typeof qmfSession>>
type Obj = { _values: Record<string, unknown>; _object_id: Record<string, unknown> } & Record<string, unknown>

// Raw copies of every message this process decodes, to check the broker's AMQP types.
const require = createRequire(import.meta.url)
const rheaMessage = require('rhea/lib/message.js') as { decode: (b: Buffer) => unknown }
const raw: Buffer[] = []
const decode = rheaMessage.decode
rheaMessage.decode = (b: Buffer) => {
  raw.push(Buffer.from(b))
  return decode(b)
}

let broker: RunningBroker
let conn: rhea.Connection
let q: Session

before(async () => {
  broker = await startBroker(undefined)
  conn = await connect(broker.port, {
    properties: { 'qpid.client_process': 'qmf-test', 'qpid.client_pid': 4242, 'qpid.client_ppid': 1 },
  })
  q = await qmfSession(conn)
})

test.after(async () => {
  await close(conn)
  await broker.stop()
})

async function error(name: string, args: Record<string, unknown>, object?: string) {
  const r = await method(q, name, args, object)
  assert.equal(r.properties['qmf.opcode'], '_exception', JSON.stringify(plain(r.body)))
  assert.equal(r.properties.method, 'indication')
  return plain((r.body as { _values: unknown })._values) as { error_code: number; error_text: string }
}

async function ok(name: string, args: Record<string, unknown>, object?: string) {
  const r = await method(q, name, args, object)
  assert.equal(r.properties['qmf.opcode'], '_method_response', JSON.stringify(plain(r.body)))
  assert.equal(r.properties.method, 'response')
  return plain((r.body as { _arguments: unknown })._arguments) as Record<string, unknown>
}

/** ulong nanoseconds: rhea hands values beyond 2^53 over as 8-byte buffers. */
function ns(v: unknown): number {
  return Buffer.isBuffer(v) ? Number(v.readBigUInt64BE()) : Number(v)
}

const create = (type: string, name: string, properties: Record<string, unknown> = {}) =>
  ok('create', { type, name, properties, strict: true })

test('built-in exchanges and objects exist with qpidd names', async () => {
  const ex = (await queryClass(q, 'exchange')) as Obj[]
  const names = ex.map((o) => plain(o._values.name))
  assert.deepEqual(names, [
    '',
    'amq.direct',
    'amq.fanout',
    'amq.match',
    'amq.topic',
    'qmf.default.direct',
    'qmf.default.topic',
    'qpid.management',
  ])
  for (const o of ex) assert.deepEqual(plain(o._values.arguments), { 'qpid.replicate': 'none' })
  const types = Object.fromEntries(ex.map((o) => [plain(o._values.name), plain(o._values.type)]))
  assert.equal(types['amq.match'], 'headers')
  assert.equal(types['amq.fanout'], 'fanout')
  const [b] = (await queryClass(q, 'broker')) as Obj[]
  assert.equal(plain(b._object_id._object_name), 'org.apache.qpid.broker:broker:amqp-broker')
  assert.equal(plain(b._values.name), 'amqp-broker')
  for (const k of [
    'uptime',
    'queueCount',
    'msgTotalEnqueues',
    'msgDepth',
    'byteDepth',
    'discardsNoRoute',
    'abandonedViaAlt',
    'msgFtdDepth',
    'releases',
    'acquires',
  ])
    assert.ok(k in b._values, `broker statistic ${k}`)
  const [mem] = (await queryClass(q, 'memory')) as Obj[]
  assert.equal(plain(mem._object_id._object_name), 'amqp-broker')
  assert.ok(Number(mem._values.malloc_arena) > 0)
  assert.equal(((await queryClass(q, 'system')) as Obj[]).length, 1)
  const [vhost] = (await queryClass(q, 'vhost')) as Obj[]
  assert.equal(
    plain(vhost._object_id._object_name),
    'org.apache.qpid.broker:vhost:org.apache.qpid.broker:broker:amqp-broker,/',
  )
  assert.deepEqual(await queryClass(q, 'cluster'), [])
  assert.deepEqual(await queryClass(q, 'no-such-class'), [])
})

test('broker _update_ts is bumped on every query', async () => {
  const [b1] = (await queryClass(q, 'broker')) as Obj[]
  await new Promise((r) => setTimeout(r, 20))
  const [b2] = (await queryClass(q, 'broker')) as Obj[]
  assert.ok(ns(b2._update_ts) > ns(b1._update_ts))
  assert.ok(Math.abs(ns(b2._update_ts) / 1e6 - Date.now()) < 5000)
})

test('query by object name: one object without _agent_epoch, or an empty list', async () => {
  await create('queue', 'byname')
  const [r] = await q.request('_query_request', {
    _what: 'OBJECT',
    _object_id: { _object_name: 'org.apache.qpid.broker:queue:byname' },
  })
  assert.equal(r.properties['qmf.opcode'], '_query_response')
  assert.equal(r.properties['qmf.content'], '_data')
  assert.equal(r.contentType, 'amqp/list')
  const list = r.body as Obj[]
  assert.equal(list.length, 1)
  assert.equal('_agent_epoch' in list[0]._object_id, false)
  const schema = list[0]._schema_id as Record<string, unknown>
  assert.equal(plain(schema._package_name), 'org.apache.qpid.broker')
  assert.equal(plain(schema._class_name), 'queue')
  assert.equal(plain(schema._type), '_data')
  const [none] = await q.request('_query_request', {
    _what: 'OBJECT',
    _object_id: { _object_name: 'org.apache.qpid.broker:queue:nope' },
  })
  assert.deepEqual(none.body, [])
  const all = (await queryClass(q, 'queue')) as Obj[]
  assert.ok(all.every((o) => '_agent_epoch' in o._object_id))
})

test('more than 100 objects come in partial responses of at most 100', async () => {
  for (let i = 0; i < 150; i++) await create('queue', `pq-${String(i).padStart(3, '0')}`)
  const replies = await q.request('_query_request', { _what: 'OBJECT', _schema_id: { _class_name: 'queue' } })
  assert.ok(replies.length >= 2)
  for (const r of replies.slice(0, -1)) {
    assert.equal(r.properties.partial, '')
    assert.equal((r.body as unknown[]).length, 100)
  }
  assert.equal('partial' in replies[replies.length - 1].properties, false)
  const names = replies.flatMap((r) => (r.body as Obj[]).map((o) => plain(o._values.name) as string))
  assert.equal(names.filter((n) => n.startsWith('pq-')).length, 150)
  assert.deepEqual(names, [...names].sort())
  for (let i = 0; i < 150; i++)
    await ok('delete', { type: 'queue', name: `pq-${String(i).padStart(3, '0')}`, options: {} })
})

test("create and delete error texts are qpidd's", async () => {
  await create('queue', 'e1')
  await create('exchange', 'ex1', { 'exchange-type': 'direct' })
  const cases: [string, Record<string, unknown>, number, string][] = [
    ['create', { type: 'queue', name: 'e1', properties: {} }, 7, 'object already exists: e1'],
    ['create', { type: 'exchange', name: 'ex1', properties: {} }, 7, 'object already exists: ex1'],
    ['create', { type: 'widget', name: 'w', properties: {} }, 7, 'unknown object type: widget'],
    ['delete', { type: 'widget', name: 'w', options: {} }, 7, 'unknown object type: widget'],
    ['delete', { type: 'queue', name: 'q9', options: {} }, 7, 'not-found: Delete failed. No such queue: q9'],
    ['delete', { type: 'exchange', name: 'x9', options: {} }, 7, 'not-found: Exchange not found: x9'],
    [
      'delete',
      { type: 'exchange', name: '', options: {} },
      7,
      'invalid-argument: Delete not allowed for default exchange',
    ],
    [
      'create',
      { type: 'exchange', name: 'bad', properties: { 'exchange-type': 'weird' } },
      7,
      'Invalid exchange type: weird',
    ],
    [
      'create',
      { type: 'queue', name: 'aq', properties: { 'alternate-exchange': 'nox' } },
      7,
      'not-found: Alternate exchange does not exist: nox',
    ],
    [
      'create',
      { type: 'exchange', name: 'ax', properties: { 'alternate-exchange': 'nox' } },
      7,
      'not-found: Alternate exchange does not exist: nox',
    ],
    [
      'create',
      { type: 'binding', name: '/e1/k', properties: {} },
      7,
      'invalid-argument: Bind not allowed for default exchange',
    ],
    [
      'delete',
      { type: 'binding', name: '/e1/k', options: {} },
      7,
      'invalid-argument: Unbind not allowed for default exchange',
    ],
    ['create', { type: 'binding', name: 'ex1/nq/k', properties: {} }, 7, 'not-found: Bind failed. No such queue: nq'],
    ['create', { type: 'binding', name: 'nx/e1/k', properties: {} }, 7, 'not-found: Bind failed. No such exchange: nx'],
    ['delete', { type: 'binding', name: 'ex1/nq/k', options: {} }, 7, 'not-found: Unbind failed. No such queue: nq'],
    ['delete', { type: 'binding', name: 'nx/e1/k', options: {} }, 7, 'not-found: Unbind failed. No such exchange: nx'],
    ['create', { type: 'binding', name: 'a/b/c/d', properties: {} }, 7, 'invalid binding: a/b/c/d'],
    [
      'create',
      { type: 'queue', name: 'lp', properties: { 'qpid.last_value_queue_key': 'k', 'qpid.priorities': 3 } },
      7,
      'invalid-argument: Cannot specify qpid.last_value_queue_key and qpid.priorities for the same queue',
    ],
  ]
  for (const [m, args, code, text] of cases)
    assert.deepEqual(await error(m, args), { error_code: code, error_text: text }, `${m} ${JSON.stringify(args)}`)
  // binding twice is a silent success; unbinding a missing binding too
  await create('binding', 'ex1/e1/k')
  await create('binding', 'ex1/e1/k')
  await ok('delete', { type: 'binding', name: 'ex1/e1/nokey', options: {} })
})

test('delete preconditions: if_empty, if_unused, exchange in use as alternate', async () => {
  await create('queue', 'full')
  const s = await openSender(conn, 'full')
  s.send({ body: 'x' })
  await new Promise((r) => s.once('accepted', r))
  assert.equal(
    (await error('delete', { type: 'queue', name: 'full', options: { if_empty: true } })).error_text,
    'precondition-failed: Cannot delete queue full; queue not empty',
  )
  const r = await receive(conn, { address: 'full', distribution_mode: 'copy' }, 1)
  assert.equal(
    (await error('delete', { type: 'queue', name: 'full', options: { if_unused: true } })).error_text,
    'precondition-failed: Cannot delete queue full; queue in use',
  )
  r.receiver.close()
  await create('exchange', 'altx', { 'exchange-type': 'fanout' })
  await create('queue', 'usesalt', { 'alternate-exchange': 'altx' })
  assert.equal(
    (await error('delete', { type: 'exchange', name: 'altx', options: {} })).error_text,
    'not-allowed: Cannot delete altx, in use as alternate-exchange.',
  )
  await ok('delete', { type: 'queue', name: 'usesalt', options: {} })
  await ok('delete', { type: 'exchange', name: 'altx', options: {} })
})

test('method dispatch errors: unknown object, unknown method, missing parameters', async () => {
  assert.deepEqual(await error('purge', {}, 'org.apache.qpid.broker:queue:no-such-queue'), {
    error_code: 1,
    error_text: 'No object found with ID=0-0-0--0(org.apache.qpid.broker:queue:no-such-queue)',
  })
  assert.deepEqual(await error('frobnicate', {}), { error_code: 2, error_text: 'UnknownMethod' })
  const [r] = await q.request('_method_request', { _method_name: 'create' })
  assert.deepEqual(plain(r.body), { _values: { error_code: 4, error_text: 'InvalidParameter' } })
  const [w1] = await q.request('_query_request', {})
  assert.deepEqual(plain(w1.body), { _values: { error_code: 1, error_text: '_what element missing in Query' } })
  const [w2] = await q.request('_query_request', { _what: 5 })
  assert.deepEqual(plain(w2.body), { _values: { error_code: 1, error_text: '_what element is not a string' } })
  const [w3] = await q.request('_query_request', { _what: 'SCHEMA_ID' })
  assert.deepEqual(plain(w3.body), {
    _values: { error_code: 1, error_text: "Query for _what => 'SCHEMA_ID' not supported" },
  })
  assert.match(String(w3.properties['qmf.agent']), /^apache\.org:qpidd:[0-9a-f-]{36}$/)
})

test('requests without app-id qmf2 or with another subject are dropped silently', async () => {
  const body = { _what: 'OBJECT', _schema_id: { _class_name: 'broker' } }
  assert.equal(
    await q.silent({ subject: 'broker', application_properties: { 'qmf.opcode': '_query_request' }, body }),
    true,
  )
  assert.equal(
    await q.silent({
      subject: 'xyz',
      application_properties: { 'x-amqp-0-10.app-id': 'qmf2', 'qmf.opcode': '_query_request' },
      body,
    }),
    true,
  )
  assert.equal(
    await q.silent({ application_properties: { 'x-amqp-0-10.app-id': 'qmf2', 'qmf.opcode': '_query_request' }, body }),
    true,
  )
  assert.equal(
    await q.silent({
      subject: 'broker',
      application_properties: { 'x-amqp-0-10.app-id': 'qmf2', 'qmf.opcode': '_query_request' },
      body: ['not', 'a', 'map'],
    }),
    true,
  )
  // and the agent still answers afterwards
  assert.equal(((await queryClass(q, 'broker')) as Obj[]).length, 1)
})

test('broker methods: echo, getLogLevel/setLogLevel, query', async () => {
  assert.deepEqual(await ok('echo', { sequence: 7, body: 'hi' }), { sequence: 7, body: 'hi' })
  assert.deepEqual(await ok('getLogLevel', {}), { level: 'notice+' })
  await ok('setLogLevel', { level: 'info+' })
  assert.deepEqual(await ok('getLogLevel', {}), { level: 'info+' })
  await ok('setLogLevel', { level: 'notice+' })
  await create('queue', 'qq', { 'qpid.max_count': 5 })
  const res = await ok('query', { type: 'queue', name: 'qq' })
  assert.equal((res.results as Record<string, unknown>).name, 'qq')
  assert.deepEqual(await error('query', { type: 'queue', name: 'zz' }), { error_code: 1, error_text: 'UnknownObject' })
  assert.deepEqual(await error('query', { type: 'exchange', name: 'amq.direct' }), {
    error_code: 3,
    error_text: 'NotImplemented',
  })
})

test('queue purge and reroute', async () => {
  await create('queue', 'pq')
  await create('queue', 'target')
  await create('exchange', 'rx', { 'exchange-type': 'fanout' })
  await create('binding', 'rx/target')
  const s = await openSender(conn, 'pq')
  for (let i = 0; i < 5; i++) {
    s.send({ body: `m${i}` })
    await new Promise((r) => s.once('accepted', r))
  }
  await ok('purge', { request: 2, filter: {} }, 'org.apache.qpid.broker:queue:pq')
  assert.equal((await queueValues(q, 'pq'))?.msgDepth, 3)
  assert.equal((await queueValues(q, 'pq'))?.discardsPurge, 2)
  await ok(
    'reroute',
    { request: 0, useAltExchange: false, exchange: 'rx', filter: {} },
    'org.apache.qpid.broker:queue:pq',
  )
  assert.equal((await queueValues(q, 'pq'))?.msgDepth, 0)
  assert.equal((await queueValues(q, 'target'))?.msgDepth, 3)
  assert.deepEqual(
    await error('reroute', { request: 0, useAltExchange: true, filter: {} }, 'org.apache.qpid.broker:queue:pq'),
    {
      error_code: 4,
      error_text: 'InvalidParameter',
    },
  )
})

test('queue arguments are kept verbatim; connection and subscription objects', async () => {
  await create('queue', 'argq', { durable: true, 'qpid.max_count': 1000, 'qpid.policy_type': 'ring', custom: 'v' })
  const v = await queueValues(q, 'argq')
  assert.deepEqual(v?.arguments, { 'qpid.max_count': 1000, 'qpid.policy_type': 'ring', custom: 'v' })
  assert.equal(v?.durable, true)
  assert.equal(v?.bindingCount, 1)
  const conns = ((await queryClass(q, 'connection')) as Obj[]).map((o) => plain(o._values) as Record<string, unknown>)
  const me = conns.find((c) => c.remoteProcessName === 'qmf-test')
  assert.ok(me)
  assert.equal(me.remotePid, 4242)
  assert.equal(me.remoteParentPid, 1)
  assert.equal(me.protocol, 'AMQP 1.0')
  assert.equal(me.authIdentity, 'anonymous')
  assert.match(String(me.address), /127\.0\.0\.1:\d+-127\.0\.0\.1:\d+$/)
  const subs = ((await queryClass(q, 'subscription')) as Obj[]).map((o) => plain(o._values) as Record<string, unknown>)
  const reply = subs.find(
    (s) => (s.queueRef as { _object_name: string })._object_name === `org.apache.qpid.broker:queue:${q.address}`,
  )
  assert.ok(reply)
  assert.equal(reply.browsing, false)
  assert.equal(reply.creditMode, 'CREDIT')
  assert.ok(((await queryClass(q, 'session')) as Obj[]).length >= 1)
  const bindings = ((await queryClass(q, 'binding')) as Obj[]).map((o) => plain(o._object_id._object_name))
  assert.ok(
    bindings.includes(
      'org.apache.qpid.broker:binding:org.apache.qpid.broker:exchange:,org.apache.qpid.broker:queue:argq,argq',
    ),
  )
})

test('agent locate answers with the agent name', async () => {
  const [r] = await q.request('_agent_locate_request', {})
  assert.equal(r.properties['qmf.opcode'], '_agent_locate_response')
  const v = plain((r.body as { _values: unknown })._values) as Record<string, unknown>
  assert.equal(v._vendor, 'apache.org')
  assert.equal(v._product, 'qpidd')
  assert.match(String(v._name), /^apache\.org:qpidd:/)
})

test('wire types: strings are binary, integers keep their widths, timestamps ulong, uuids uuid', async () => {
  raw.length = 0
  await queryClass(q, 'broker')
  await error('delete', { type: 'queue', name: 'q9', options: {} })
  const T = rhea.types as unknown as {
    Reader: new (
      b: Buffer,
    ) => { remaining(): number; read(): { type: { typecode: number }; descriptor?: unknown; value: unknown } }
  }
  type Tv = { type: { typecode: number }; value: unknown }
  const sections = raw.map((b) => {
    const r = new T.Reader(b)
    const out: { descriptor: unknown; value: Tv }[] = []
    while (r.remaining()) {
      const s = r.read() as Tv & { descriptor?: { value: unknown } }
      out.push({ descriptor: s.descriptor?.value, value: s })
    }
    return out
  })
  const mapGet = (m: Tv, key: string): Tv | undefined => {
    const items = m.value as Tv[]
    for (let i = 0; i < items.length; i += 2) {
      assert.ok(
        [0xa1, 0xb1].includes(items[i].type.typecode),
        `map keys are strings: ${items[i].type.typecode} ${String(items[i].value)}`,
      )
      if (items[i].value === key) return items[i + 1]
    }
    return undefined
  }
  const bodyOf = (s: { descriptor: unknown; value: Tv }[]) => s.find((x) => x.descriptor === 0x77)?.value as Tv
  const query = sections.find(
    (s) => (bodyOf(s)?.value as Tv[] | undefined)?.length === 1 && [0xc0, 0xd0].includes(bodyOf(s).type.typecode),
  )
  assert.ok(query, 'a query response with one object')
  const obj = (bodyOf(query).value as Tv[])[0]
  const values = mapGet(obj, '_values') as Tv
  const BIN = [0xa0, 0xb0]
  const ULONG = [0x44, 0x53, 0x80]
  assert.ok(BIN.includes(mapGet(values, 'name')?.type.typecode as number), 'name is binary')
  assert.ok(BIN.includes(mapGet(values, 'version')?.type.typecode as number), 'version is binary')
  assert.equal(mapGet(values, 'port')?.type.typecode, 0x60, 'port is ushort')
  assert.ok(ULONG.includes(mapGet(values, 'msgTotalEnqueues')?.type.typecode as number), 'counters are ulong')
  assert.ok(ULONG.includes(mapGet(obj, '_create_ts')?.type.typecode as number), '_create_ts is ulong')
  assert.equal(mapGet(mapGet(obj, '_schema_id') as Tv, '_hash')?.type.typecode, 0x98, '_hash is uuid')
  assert.ok(BIN.includes(mapGet(mapGet(obj, '_object_id') as Tv, '_object_name')?.type.typecode as number))
  const exc = sections.find(
    (s) => [0xc1, 0xd1].includes(bodyOf(s)?.type.typecode) && mapGet(bodyOf(s), '_values') !== undefined,
  )
  assert.ok(exc)
  const ev = mapGet(bodyOf(exc), '_values') as Tv
  assert.ok([0x43, 0x52, 0x70].includes(mapGet(ev, 'error_code')?.type.typecode as number), 'error_code is uint')
  assert.ok(BIN.includes(mapGet(ev, 'error_text')?.type.typecode as number), 'error_text is binary')
  // content-type is a symbol
  const props = exc.find((x) => x.descriptor === 0x73)?.value as Tv
  const ct = (props.value as Tv[])[6]
  assert.ok([0xa3, 0xb3].includes(ct.type.typecode), 'content-type is a symbol')
})

test('malformed QMF requests get an exception or an empty answer, never silence from a crash', async () => {
  const [r1] = await q.request('_method_request', { _object_id: 'not-a-map', _method_name: 'create' })
  assert.deepEqual(plain(r1.body), { _values: { error_code: 4, error_text: 'InvalidParameter' } })
  const [r2] = await q.request('_method_request', {
    _object_id: { _object_name: 'org.apache.qpid.broker:broker:amqp-broker' },
    _method_name: 'create',
    _arguments: ['a', 'list'],
  })
  assert.equal((plain(r2.body) as { _values: { error_code: number } })._values.error_code, 7)
  const e3 = await error('create', { type: 'queue', name: 'mq', properties: 42 })
  assert.equal(e3.error_code, 7)
  const [r4] = await q.request('_query_request', { _what: 'OBJECT', _schema_id: 'queue' })
  assert.deepEqual(r4.body, [])
  const [r5] = await q.request('_query_request', { _what: 'OBJECT', _object_id: { _object_name: 12 } })
  assert.deepEqual(r5.body, [])
  assert.equal(((await queryClass(q, 'broker')) as Obj[]).length, 1)
})
