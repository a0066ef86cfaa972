// BrokerAgent against a tiny in-process QMF responder (rhea server on 127.0.0.1, port 0): each
// test scripts how the "agent" answers and checks what the console makes of it.
import assert from 'node:assert/strict'
import type { AddressInfo } from 'node:net'
import { test } from 'node:test'
import rhea, { type Container, type Message, type Sender } from 'rhea'
import { PythonError } from '../../src/protocol/errors.js'
import { BROKER_OBJECT } from '../../src/protocol/qmf-request.js'
import { parseBrokerUrl } from '../../src/protocol/url.js'
import { BrokerAgent } from '../../src/qmf/console.js'

type Reply = { props: Record<string, unknown>; body: unknown; correlation?: string }
type Script = (request: Message, reply: (r: Reply) => void) => void

interface Responder {
  port: number
  requests: Message[]
  openProperties: () => Record<string, unknown> | undefined
  close(): Promise<void>
}

async function responder(script: Script, opts: { dropOnOpen?: boolean } = {}): Promise<Responder> {
  const container: Container = rhea.create_container({ id: 'fake-qpidd' })
  container.sasl_server_mechanisms.enable_anonymous()
  const replySenders = new Map<string, Sender>()
  const requests: Message[] = []
  let openProperties: Record<string, unknown> | undefined
  let n = 0
  container.on('connection_open', (ctx) => {
    openProperties = ctx.connection.properties as Record<string, unknown> | undefined
    // What an HA backup does to a client without qpid.ha-admin: abort the transport, no close frame.
    if (opts.dropOnOpen) (ctx.connection as any).socket.destroy()
  })
  container.on('sender_open', (ctx) => {
    const address = `reply-${++n}`
    ctx.sender.set_source({ address, dynamic: true } as any)
    replySenders.set(address, ctx.sender)
  })
  container.on('receiver_open', (ctx) => {
    ctx.receiver.set_target({ address: (ctx.receiver as any).remote.attach.target?.address })
  })
  container.on('message', (ctx) => {
    const request = ctx.message!
    requests.push(request)
    script(request, ({ props, body, correlation }) => {
      replySenders.get(String(request.reply_to))?.send({
        correlation_id: correlation ?? request.correlation_id,
        application_properties: { 'x-amqp-0-10.app-id': 'qmf2', method: 'response', ...props },
        body,
      })
    })
  })
  const server = container.listen({ host: '127.0.0.1', port: 0 })
  const sockets = new Set<import('node:net').Socket>()
  server.on('connection', (s: import('node:net').Socket) => {
    sockets.add(s)
    s.once('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    openProperties: () => openProperties,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve())
        for (const s of sockets) s.destroy()
      }),
  }
}

function connect(port: number, extra: { replyTimeoutMs?: number; haAdmin?: boolean } = {}) {
  return BrokerAgent.connect({
    url: parseBrokerUrl(`127.0.0.1:${port}`),
    timeoutMs: 3000,
    clientProcess: 'qmf-agent-test',
    ...extra,
  })
}

const queue = (name: string) => ({
  _object_id: { _object_name: `org.apache.qpid.broker:queue:${name}` },
  _schema_id: { _class_name: 'queue', _package_name: 'org.apache.qpid.broker' },
  _values: { name, durable: false },
})

test('class query: request shape, partial continuations collected in order', async (t) => {
  const r = await responder((_req, reply) => {
    reply({ props: { 'qmf.opcode': '_query_response', partial: null }, body: [queue('a'), queue('b')] })
    reply({ props: { 'qmf.opcode': '_query_response', partial: null }, body: [queue('c')] })
    reply({ props: { 'qmf.opcode': '_query_response' }, body: [queue('d')] })
  })
  t.after(() => r.close())
  const agent = await connect(r.port, { haAdmin: true })
  t.after(() => agent.close())
  const rows = await agent.query('queue')
  assert.deepEqual(
    rows.map((o) => o.values.name),
    ['a', 'b', 'c', 'd'],
  )
  assert.equal(rows[0].objectName, 'org.apache.qpid.broker:queue:a')
  const req = r.requests[0]
  assert.equal(req.subject, 'broker')
  assert.equal(req.application_properties?.['qmf.opcode'], '_query_request')
  assert.equal(req.application_properties?.['x-amqp-0-10.app-id'], 'qmf2')
  assert.deepEqual(req.body, { _what: 'OBJECT', _schema_id: { _class_name: 'queue' } })
  assert.equal(r.openProperties()?.['qpid.ha-admin'], 1)
  assert.equal(r.openProperties()?.['qpid.client_process'], 'qmf-agent-test')
})

test('object query: exactly one result is the object, none is undefined', async (t) => {
  const r = await responder((req, reply) => {
    const name = String((req.body as any)._object_id._object_name)
    const body = name.endsWith(':q1') ? [queue('q1')] : []
    reply({ props: { 'qmf.opcode': '_query_response' }, body })
  })
  t.after(() => r.close())
  const agent = await connect(r.port)
  t.after(() => agent.close())
  assert.equal((await agent.getObject('org.apache.qpid.broker:queue:q1'))?.values.name, 'q1')
  assert.equal(await agent.getObject('org.apache.qpid.broker:queue:nope'), undefined)
  assert.deepEqual(r.requests[0].body, {
    _what: 'OBJECT',
    _object_id: { _object_name: 'org.apache.qpid.broker:queue:q1' },
  })
})

test('method call: arguments out, output arguments back; _exception becomes the Python text', async (t) => {
  const r = await responder((req, reply) => {
    const body = req.body as any
    if (body._method_name === 'getLogLevel') {
      reply({ props: { 'qmf.opcode': '_method_response' }, body: { _arguments: { level: 'notice+' } } })
    } else {
      reply({
        props: { 'qmf.opcode': '_exception' },
        body: { _values: { error_code: 7, error_text: `object already exists: ${body._arguments.name}` } },
      })
    }
  })
  t.after(() => r.close())
  const agent = await connect(r.port)
  t.after(() => agent.close())
  assert.deepEqual(await agent.callMethod(BROKER_OBJECT, 'getLogLevel'), { level: 'notice+' })
  await assert.rejects(
    agent.callMethod(BROKER_OBJECT, 'create', { type: 'queue', name: 'q1', properties: {}, strict: true }),
    (err: unknown) =>
      err instanceof PythonError &&
      err.pythonClass === 'Exception' &&
      err.code === 7 &&
      err.message === "Exception from Agent: {'error_code': 7, 'error_text': 'object already exists: q1'}",
  )
  assert.deepEqual(r.requests[1].body, {
    _object_id: { _object_name: BROKER_OBJECT },
    _method_name: 'create',
    _arguments: { type: 'queue', name: 'q1', properties: {}, strict: true },
  })
})

test('a query answered with another opcode is a bad response', async (t) => {
  const r = await responder((_req, reply) => reply({ props: { 'qmf.opcode': '_method_response' }, body: {} }))
  t.after(() => r.close())
  const agent = await connect(r.port)
  t.after(() => agent.close())
  await assert.rejects(
    agent.query('queue'),
    (err: unknown) => err instanceof PythonError && err.message === 'bad response',
  )
})

test('replies are matched by correlation id; foreign ones are ignored', async (t) => {
  const pending: Array<() => void> = []
  const r = await responder((req, reply) => {
    const name = String((req.body as any)._schema_id._class_name)
    pending.push(() => {
      reply({ props: { 'qmf.opcode': '_query_response' }, body: [queue('stray')], correlation: 'no-such-request' })
      reply({ props: { 'qmf.opcode': '_query_response' }, body: [queue(name)] })
    })
    // Answer both requests only once both arrived, in reverse order.
    if (pending.length === 2) for (const send of pending.reverse()) send()
  })
  t.after(() => r.close())
  const agent = await connect(r.port)
  t.after(() => agent.close())
  const [first, second] = await Promise.all([agent.query('first'), agent.query('second')])
  assert.deepEqual(
    first.map((o) => o.values.name),
    ['first'],
  )
  assert.deepEqual(
    second.map((o) => o.values.name),
    ['second'],
  )
})

test('no reply within the reply timeout: Timeout, and the agent stays usable', async (t) => {
  let calls = 0
  const r = await responder((_req, reply) => {
    if (++calls > 1) reply({ props: { 'qmf.opcode': '_query_response' }, body: [] })
  })
  t.after(() => r.close())
  const agent = await connect(r.port, { replyTimeoutMs: 200 })
  t.after(() => agent.close())
  const started = Date.now()
  await assert.rejects(
    agent.query('queue'),
    (err: unknown) => err instanceof PythonError && err.pythonClass === 'Timeout',
  )
  assert.ok(Date.now() - started < 2000)
  assert.deepEqual(await agent.query('queue'), [])
})

test('the partial-response timer restarts with every continuation', async (t) => {
  const r = await responder((_req, reply) => {
    reply({ props: { 'qmf.opcode': '_query_response', partial: null }, body: [queue('a')] })
    // Each gap (600 ms) is shorter than the reply timeout, their sum is longer: only a timer that
    // restarts with every continuation lets this succeed. Wide margins keep it stable under load.
    setTimeout(() => reply({ props: { 'qmf.opcode': '_query_response', partial: null }, body: [queue('b')] }), 600)
    setTimeout(() => reply({ props: { 'qmf.opcode': '_query_response' }, body: [queue('c')] }), 1200)
  })
  t.after(() => r.close())
  const agent = await connect(r.port, { replyTimeoutMs: 1000 })
  t.after(() => agent.close())
  assert.deepEqual(
    (await agent.query('queue')).map((o) => o.values.name),
    ['a', 'b', 'c'],
  )
})

test('connection refused, and a transport dropped after open, read as the Python tools printed them', async (t) => {
  const r = await responder(() => {})
  const port = r.port
  await r.close()
  await assert.rejects(
    connect(port),
    (err: unknown) =>
      err instanceof PythonError &&
      `${err.pythonClass}: ${err.message}` === 'ConnectError: [Errno 111] Connection refused',
  )
  const dropping = await responder(() => {}, { dropOnOpen: true })
  t.after(() => dropping.close())
  await assert.rejects(
    connect(dropping.port),
    (err: unknown) =>
      err instanceof PythonError && `${err.pythonClass}: ${err.message}` === 'ConnectionError: connection aborted',
  )
})
