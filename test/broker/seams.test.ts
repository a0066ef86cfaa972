// The seams other modules (HA) build on: the connection gate, configuration and queue observers,
// and the management registry. Broker and listener run in this process.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import rhea from 'rhea'
import { Broker } from '../../src/broker/broker.js'
import { Logger } from '../../src/broker/log.js'
import { startManagement } from '../../src/broker/management/index.js'
import { encodeMessage, scanMessage } from '../../src/broker/message/codec.js'
import type { DequeueReason } from '../../src/broker/nodes/queue.js'
import { MemoryStore } from '../../src/broker/store/memory-store.js'
import { AmqpServer } from '../../src/broker/transport/server.js'
import { bool, str } from '../../src/protocol/qmf-encode.js'

async function start() {
  const log = new Logger(['critical+'], { stderr: false })
  const broker = new Broker({ port: 0, auth: false, store: new MemoryStore(), log })
  const server = new AmqpServer(broker, {
    listen: { addresses: ['127.0.0.1'], wildcard: false },
    port: 0,
    auth: false,
    realm: 'QPID',
    users: new Map(),
  })
  broker.port = await server.listen()
  const agent = startManagement(broker, server, 1)
  return { broker, server, agent, stop: () => server.close() }
}

/** Connects with SASL PLAIN; resolves 'open' or 'dropped' (socket gone without an AMQP open). */
function attempt(port: number, properties?: Record<string, unknown>): Promise<'open' | 'dropped'> {
  return new Promise((resolve) => {
    const c = rhea.create_container()
    const conn = c.connect({
      host: '127.0.0.1',
      port,
      reconnect: false,
      username: 'u',
      password: 'p',
      properties,
    } as never)
    conn.on('connection_open', () => {
      conn.close()
      resolve('open')
    })
    conn.on('disconnected', () => resolve('dropped'))
    conn.on('connection_error', () => resolve('dropped'))
  })
}

test('a gate can drop connections after SASL without sending open (HA backup rule)', async (t) => {
  const b = await start()
  t.after(b.stop)
  const seen: Record<string, unknown>[] = []
  const remove = b.server.gates.add((req) => {
    seen.push(req.properties)
    return 'qpid.ha-admin' in req.properties ? 'accept' : 'drop'
  })
  assert.equal(await attempt(b.broker.port), 'dropped')
  assert.equal(await attempt(b.broker.port, { 'qpid.ha-admin': 1 }), 'open')
  assert.equal(seen.length, 2, 'the gate ran after SASL, at the AMQP open')
  remove()
  assert.equal(await attempt(b.broker.port), 'open')
})

test('configuration and queue observers see declares, binds, enqueues and dequeues with reasons', async (t) => {
  const b = await start()
  t.after(b.stop)
  const events: string[] = []
  b.broker.hooks.add({
    queueDeclared: (q) => events.push(`declare ${q.name}`),
    queueDeleted: (q) => events.push(`delete ${q.name}`),
    exchangeDeclared: (e) => events.push(`exchange ${e.name}`),
    bound: (x) => events.push(`bind ${x.exchange.name}/${x.queue.name}/${x.key}`),
    unbound: (x) => events.push(`unbind ${x.exchange.name}/${x.queue.name}/${x.key}`),
  })
  const reasons: DequeueReason[] = []
  let enqueued = 0
  b.broker.hooks.add({ enqueued: () => enqueued++, dequeued: (_q, _m, r) => reasons.push(r) })
  b.broker.declareExchange('x', 'fanout')
  const { queue } = b.broker.declareQueue('q', { arguments: { 'qpid.max_count': 1, 'qpid.policy_type': 'ring' } })
  b.broker.bind('x', 'q', 'k')
  const ex = b.broker.exchanges.get('x')
  assert.ok(ex)
  b.broker.publish(scanMessage(encodeMessage({ body: 'a' })), ex, '')
  b.broker.publish(scanMessage(encodeMessage({ body: 'b' })), ex, '')
  queue.purge(0)
  b.broker.deleteQueue('q')
  assert.deepEqual(events, ['exchange x', 'declare q', 'bind x/q/k', 'unbind /q/q', 'unbind x/q/k', 'delete q'])
  assert.equal(enqueued, 2)
  assert.deepEqual(reasons, ['ring', 'purged'])
})

test('modules can register extra QMF classes and methods', async (t) => {
  const b = await start()
  t.after(b.stop)
  let promoted = false
  b.agent.registry.register({
    packageName: 'org.apache.qpid.ha',
    className: 'habroker',
    objects: () => [
      {
        objectName: 'org.apache.qpid.ha:habroker:ha-broker',
        createdAt: Date.now(),
        updatedAt: () => Date.now(),
        values: () => ({ name: str('ha-broker'), status: str(promoted ? 'active' : 'ready'), flag: bool(true) }),
      },
    ],
    methods: {
      promote: () => {
        promoted = true
        return {}
      },
    },
  })
  const found = b.agent.registry.find('org.apache.qpid.ha:habroker:ha-broker')
  assert.ok(found)
  found.cls.methods?.promote(found.obj, {}, { user: '' })
  assert.equal(promoted, true)
  assert.equal(b.agent.registry.byName('habroker').length, 1)
})
