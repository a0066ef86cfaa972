// qpid-route's options through the real executable against two qpidd-ref processes: -v messages,
// -d, -e, -q, -t, --json, and broker-side refusals passed through as the original did.
import assert from 'node:assert/strict'
import { it } from 'node:test'
import { startBroker } from '../../helpers/broker.js'
import { objects, route } from '../../helpers/route.js'

const out = (stdout: string, code = 0) => ({ code, stdout, stderr: '' })

it('-v and -d on add, -v -e on del and flush', async (t) => {
  const [dest, src] = await Promise.all([startBroker(t), startBroker(t)])
  const D = dest.address
  const S = src.address
  assert.deepEqual(await route('-v', '-d', 'link', 'add', D, S), out('Link state is Operational\n'))
  const [, , , row] = (await route('link', 'list', D)).stdout.split('\n')
  assert.equal(row, `127.0.0.1       ${src.port}   tcp          Y     Operational       `)
  assert.deepEqual(
    await route('-v', 'route', 'add', D, S, 'amq.direct', 'k1'),
    out('Link state is Operational\nCreating inter-broker binding...\nBridge method returned: 0 OK\n'),
  )
  assert.deepEqual(await route('route', 'add', D, S, 'amq.direct', 'k2'), out(''))
  assert.deepEqual(await route('-q', 'route', 'add', D, S, 'amq.direct', 'k2'), out(''))
  assert.deepEqual(await route('route', 'list', D, '--json'), {
    code: 0,
    stdout: `${JSON.stringify(
      {
        broker: D,
        routes: ['k1', 'k2'].map((key) => ({
          link: S,
          dest: 'amq.direct',
          key,
          src: 'amq.direct',
          srcIsQueue: false,
          srcIsLocal: false,
          dynamic: false,
        })),
      },
      null,
      2,
    )}\n`,
    stderr: '',
  })
  // -e closes the link only when the deleted bridge was the broker's only one
  assert.deepEqual(await route('-v', '-e', 'route', 'del', D, S, 'amq.direct', 'k1'), out('Closing bridge...\n'))
  assert.deepEqual(
    await route('-v', '-e', 'route', 'del', D, S, 'amq.direct', 'k2'),
    out('Closing bridge...\nLast bridge on link, closing link...\n'),
  )
  assert.deepEqual(await route('link', 'list', D), out('No Links Found\n'))

  assert.deepEqual(await route('route', 'add', D, S, 'amq.topic', 't1'), out(''))
  assert.deepEqual(await route('queue', 'add', D, S, 'amq.fanout', 'nosuchqueue'), out(''))
  // (the broker lists objects in name order, as qpidd's agent does)
  assert.deepEqual(
    await route('-v', '-e', 'route', 'flush', D),
    out(
      `Deleting Bridge: 127.0.0.1:${src.port} amq.fanout ...  Ok\n` +
        `Deleting Bridge: 127.0.0.1:${src.port} amq.topic t1...  Ok\n` +
        `Deleting Link: 127.0.0.1:${src.port}...  Ok\n`,
    ),
  )
  assert.deepEqual(await route('link', 'list', D), out('No Links Found\n'))
  assert.deepEqual(await route('-v', 'link', 'add', D, S), out('Link state is Operational\n'))
  assert.deepEqual(await route('-v', 'link', 'del', D, S), out('Close method returned: 0 OK\n'))
})

it('--ack/--credit/-d reach the bridge; broker refusals: reserved bridge names, unsupported transports', async (t) => {
  const [dest, src] = await Promise.all([startBroker(t), startBroker(t)])
  const D = dest.address
  const S = src.address
  assert.deepEqual(await route('-d', '--ack', '5', '--credit', '20', 'route', 'add', D, S, 'amq.topic', 'a.*'), out(''))
  const [bridge] = await objects(dest.port, 'bridge')
  assert.deepEqual(
    [bridge.name, bridge.sync, bridge.credit, bridge.durable, bridge.tag],
    [`amq.topic:a.*:qpid.tcp:127.0.0.1:${src.port}:False:False`, 5, 20, true, ''],
  )
  // the bridge name starts with the destination exchange, so qpid.* exchanges are refused (as by qpidd)
  assert.deepEqual(
    await route('route', 'add', D, S, 'qpid.management', 'k'),
    out(
      `Failed: Exception - names prefixed with 'qpid.' are reserved: qpid.management:k:qpid.tcp:127.0.0.1:${src.port}:False:False\n`,
      1,
    ),
  )
  // connect answers NotImplemented and no link appears; -q does not wait for it
  assert.deepEqual(
    await route('-q', '-t', 'ssl', 'link', 'add', D, '127.0.0.1:1'),
    out('Failed: Exception - Link failed to create\n', 1),
  )
  const started = Date.now()
  assert.deepEqual(
    await route('-t', 'rdma', 'link', 'add', D, '127.0.0.1:1'),
    out('Failed: Exception - Link failed to create\n', 1),
  )
  assert.ok(Date.now() - started >= 3000, 'without -q the tool waits 3 s for the link to appear')
})
