// Messages through routes made with the real qpid-route between two real qpidd-ref processes:
// a message sent to the source broker arrives in a queue on the destination broker.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { startBroker } from '../../helpers/broker.js'
import { closedPort } from '../../helpers/ports.js'
import { declare, hasBinding, objects, receiveOne, route, send, until } from '../../helpers/route.js'

const ok = { code: 0, stdout: '', stderr: '' }

describe('federation message flow', () => {
  it('static route: only messages with the route key reach the destination queue', async (t) => {
    const [dest, src] = await Promise.all([startBroker(t), startBroker(t)])
    await declare(dest.port, ['dq'], [['amq.direct', 'dq', 'rkey']])
    assert.deepEqual(await route('route', 'add', dest.address, src.address, 'amq.direct', 'rkey'), ok)
    await until('the bridge queue is bound on the source', () => hasBinding(src.port, 'amq.direct', 'rkey'))
    await send(src.port, 'amq.direct', 'other', 'not routed')
    await send(src.port, 'amq.direct', 'rkey', 'routed')
    assert.equal(await receiveOne(dest.port, 'dq'), 'routed')
  })

  it('dynamic route: bindings on the destination exchange follow to the source, also later ones', async (t) => {
    const [dest, src] = await Promise.all([startBroker(t), startBroker(t)])
    await declare(dest.port, ['tq'], [['amq.topic', 'tq', 'news.#']])
    assert.deepEqual(await route('dynamic', 'add', dest.address, src.address, 'amq.topic'), ok)
    await until('news.# is bound on the source', () => hasBinding(src.port, 'amq.topic', 'news.#'))
    await send(src.port, 'amq.topic', 'news.sports', 'news')
    assert.equal(await receiveOne(dest.port, 'tq'), 'news')

    await declare(dest.port, [], [['amq.topic', 'tq', 'weather.*']])
    await until('weather.* is bound on the source', () => hasBinding(src.port, 'amq.topic', 'weather.*'))
    await send(src.port, 'amq.topic', 'weather.today', 'weather')
    assert.equal(await receiveOne(dest.port, 'tq'), 'weather')

    assert.deepEqual(await route('dynamic', 'del', dest.address, src.address, 'amq.topic'), ok)
    await until(
      'the bridge queue is gone from the source',
      async () => !(await hasBinding(src.port, 'amq.topic', 'news.#')),
    )
  })

  it('queue route: messages of a source queue are moved into the destination exchange', async (t) => {
    const [dest, src] = await Promise.all([startBroker(t), startBroker(t)])
    await declare(src.port, ['rq'])
    await declare(dest.port, ['fq'], [['amq.fanout', 'fq', '']])
    await send(src.port, 'rq', 'any', 'queued before the route')
    assert.deepEqual(await route('queue', 'add', dest.address, src.address, 'amq.fanout', 'rq'), ok)
    assert.equal(await receiveOne(dest.port, 'fq'), 'queued before the route')
    // accepted at the source only once enqueued at the destination: the source queue is empty now
    await until(
      'rq is drained',
      async () => (await objects(src.port, 'queue')).find((q) => q.name === 'rq')?.msgDepth === 0,
    )
  })

  it('push route (-s): the bridge lives on the source broker and sends to the destination', async (t) => {
    const [dest, src] = await Promise.all([startBroker(t), startBroker(t)])
    await declare(dest.port, ['pq'], [['amq.direct', 'pq', 'pk']])
    assert.deepEqual(await route('-s', 'route', 'add', dest.address, src.address, 'amq.direct', 'pk'), ok)
    const list = await route('route', 'list', src.address)
    assert.deepEqual(list, {
      code: 0,
      stdout: `${src.address} ${dest.address} amq.direct         pk True\n`,
      stderr: '',
    })
    await send(src.port, 'amq.direct', 'pk', 'pushed')
    assert.equal(await receiveOne(dest.port, 'pq'), 'pushed')
  })
})

describe('links to unreachable brokers', () => {
  it('a refused link waits with lastError; qpid-route link add still succeeds, as with qpidd', async (t) => {
    const dest = await startBroker(t)
    const port = await closedPort()
    assert.deepEqual(await route('-v', 'link', 'add', dest.address, `127.0.0.1:${port}`), {
      code: 0,
      stdout: 'Link state is Waiting\n',
      stderr: '',
    })
    const list = await route('link', 'list', dest.address)
    const row = `127.0.0.1       ${port}   tcp          N     Waiting           Connection refused`
    assert.deepEqual(list, {
      code: 0,
      stdout: `\nHost            Port    Transport Durable  State             Last Error\n${'='.repeat(77)}\n${row}\n`,
      stderr: '',
    })
  })

  it('credentials in the source URL authenticate the link (PLAIN); wrong ones make it Failed', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'route-auth-'))
    t.after(() => rmSync(dir, { recursive: true, force: true }))
    writeFileSync(join(dir, 'users'), 'fed:secret\n')
    const auth = ['--auth', 'yes', '--sasl-users', join(dir, 'users')]
    const [dest, good, bad] = await Promise.all([
      startBroker(t),
      startBroker(t, { args: auth }),
      startBroker(t, { args: auth }),
    ])
    assert.deepEqual(await route('-v', 'link', 'add', dest.address, `fed/secret@${good.address}`), {
      code: 0,
      stdout: 'Link state is Operational\n',
      stderr: '',
    })
    assert.deepEqual(await route('link', 'add', dest.address, `fed/wrong@${bad.address}`), {
      code: 1,
      stdout: 'Failed: Exception - Link failed to create Failed to authenticate: 1\n',
      stderr: '',
    })
  })

  it('brokers on distinct hosts (127.0.0.2 and 127.0.0.3, one port): the link dials the host it names', async (t) => {
    const port = await closedPort()
    const dest = await startBroker(t, { host: '127.0.0.2', port })
    const src = await startBroker(t, { host: '127.0.0.3', port })
    await declare(dest, ['dq'], [['amq.direct', 'dq', 'rkey']])
    assert.deepEqual(await route('route', 'add', dest.address, src.address, 'amq.direct', 'rkey'), ok)
    await until('the bridge queue is bound on the source', () => hasBinding(src, 'amq.direct', 'rkey'))
    await send(src, 'amq.direct', 'rkey', 'across hosts')
    assert.equal(await receiveOne(dest, 'dq'), 'across hosts')
    const links = await objects(dest, 'link')
    assert.deepEqual(
      links.map((l) => [l.host, l.port, l.state]),
      [['127.0.0.3', port, 'Operational']],
    )
  })
})
