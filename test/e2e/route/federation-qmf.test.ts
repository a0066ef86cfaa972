// qpidd-ref's federation methods over QMF, with qpidd's error texts and bad input that must not
// hurt the broker: broker connect/create/delete of link and bridge, link and bridge close.
import assert from 'node:assert/strict'
import { it } from 'node:test'
import { PythonError } from '../../../src/protocol/errors.js'
import { BROKER_OBJECT } from '../../../src/protocol/qmf-request.js'
import type { QmfMap } from '../../../src/protocol/qmf-types.js'
import { parseBrokerUrl } from '../../../src/protocol/url.js'
import { BrokerAgent } from '../../../src/qmf/console.js'
import { startBroker } from '../../helpers/broker.js'

it('connect, create and delete link/bridge: results, qpidd error texts, robustness', async (t) => {
  const [b, remote] = await Promise.all([startBroker(t), startBroker(t)])
  const agent = await BrokerAgent.connect({
    url: parseBrokerUrl(b.address),
    timeoutMs: 5000,
    clientProcess: 'route-test',
  })
  t.after(() => agent.close())
  const call = (method: string, args: QmfMap) => agent.callMethod(BROKER_OBJECT, method, args)
  const refusal = async (method: string, args: QmfMap) => {
    try {
      await call(method, args)
    } catch (e) {
      if (e instanceof PythonError && e.code !== undefined) return [e.code, e.agentText]
      throw e
    }
    return 'no error'
  }
  const link = { host: '127.0.0.1', port: remote.port }

  assert.deepEqual(await call('connect', { ...link, transport: 'tcp' }), {})
  assert.deepEqual(await call('connect', { ...link, transport: 'tcp' }), {}, 'reuses the link')
  assert.deepEqual(await refusal('connect', { ...link, transport: 'ssl' }), [3, 'NotImplemented'])
  const linkName = `qpid.tcp:127.0.0.1:${remote.port}`
  assert.deepEqual(
    (await agent.query('link')).map((l) => l.values.name),
    [linkName],
  )

  assert.deepEqual(await refusal('create', { type: 'link', name: 'qpid.x', properties: link }), [
    7,
    "names prefixed with 'qpid.' are reserved: qpid.x",
  ])
  assert.deepEqual(await refusal('create', { type: 'link', name: 'l2', properties: { ...link, transport: 'rdma' } }), [
    7,
    'transport is not supported: rdma',
  ])
  assert.deepEqual(await call('create', { type: 'link', name: 'l2', properties: link }), {})
  assert.deepEqual(await refusal('create', { type: 'link', name: 'l2', properties: link }), [
    7,
    'object already exists: l2',
  ])
  assert.deepEqual(await refusal('create', { type: 'link', name: 'l3', properties: 'not a map' }), [
    7,
    'invalid parameter to method call: properties',
  ])
  assert.deepEqual(await refusal('create', { type: 'link', name: 'l4', properties: { port: 'x' } }), [
    7,
    'invalid parameter to method call: x',
  ])

  const bridge = { link: 'l2', src: 'amq.direct', dest: 'amq.direct', key: 'k' }
  assert.deepEqual(await refusal('create', { type: 'bridge', name: 'b1', properties: { ...bridge, link: 'nolink' } }), [
    7,
    'invalid parameter to method call: b1',
  ])
  assert.deepEqual(await call('create', { type: 'bridge', name: 'b1', properties: bridge }), {})
  assert.deepEqual(await refusal('create', { type: 'bridge', name: 'b1', properties: bridge }), [
    7,
    'object already exists: b1',
  ])
  const [b1] = await agent.query('bridge')
  assert.equal(b1.objectName, 'org.apache.qpid.broker:bridge:org.apache.qpid.broker:link:l2,b1')
  assert.deepEqual(
    { ...b1.values, linkRef: undefined },
    {
      linkRef: undefined,
      name: 'b1',
      channelId: 0,
      durable: false,
      src: 'amq.direct',
      dest: 'amq.direct',
      key: 'k',
      srcIsQueue: false,
      srcIsLocal: false,
      tag: '',
      excludes: '',
      dynamic: false,
      sync: 0,
      credit: 0xffffffff,
    },
  )

  assert.deepEqual(await call('delete', { type: 'bridge', name: 'b1', options: {} }), {})
  assert.deepEqual(
    await call('delete', { type: 'bridge', name: 'b1', options: {} }),
    {},
    'deleting a missing bridge is fine',
  )
  assert.deepEqual(await call('delete', { type: 'link', name: 'l2', options: {} }), {})
  assert.deepEqual(await call('delete', { type: 'link', name: 'l2', options: {} }), {})
  assert.deepEqual(await refusal('create', { type: 'bogus', name: 'x', properties: {} }), [
    7,
    'unknown object type: bogus',
  ])

  // close methods on the objects themselves
  const [only] = await agent.query('link')
  assert.deepEqual(await agent.callMethod(only.objectName, 'close'), {})
  assert.deepEqual(await agent.query('link'), [])
  assert.equal((await agent.query('queue')).length > 0, true, 'the broker still answers')
})
