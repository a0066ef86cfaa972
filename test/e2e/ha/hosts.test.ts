// An HA cluster whose members stand on distinct hosts: 127.0.0.2, 127.0.0.3 and 127.0.0.4, all on
// one port, each broker listening on its own address (--interface). Each must find its own entry
// of the brokers URL by what it listens on, dial the others by the host the URL names, and
// replicate, keep the confirmation promise, fail over and rejoin exactly as on one address.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { type RunningBroker, startBroker } from '../../helpers/broker.js'
import { HA_ARGS, queueDepth, receive, send, waitStatus } from '../../helpers/ha-cluster.js'
import { closedPort } from '../../helpers/ports.js'
import { run } from '../../helpers/run.js'

const HOSTS = ['127.0.0.2', '127.0.0.3', '127.0.0.4']

test('a cluster on three hosts sharing one port: replication, failover and rejoin', async (t) => {
  const port = await closedPort()
  const url = HOSTS.map((h) => `${h}:${port}`).join(',')
  const start = (i: number, dataDir?: string) =>
    startBroker(t, { host: HOSTS[i], port, dataDir, args: [...HA_ARGS, '--ha-brokers-url', url] })
  const brokers: RunningBroker[] = []
  for (let i = 0; i < HOSTS.length; i++) brokers.push(await start(i))
  const [a, b, c] = brokers.map((x) => x.address)

  assert.equal((await run('qpid-ha', ['promote', '-b', a, '--cluster-manager'])).code, 0)
  await waitStatus(a, 'active')
  await waitStatus(b, 'ready')
  await waitStatus(c, 'ready')
  const all = await run('qpid-ha', ['status', '-b', a, '--all'])
  assert.deepEqual(all, { code: 0, stdout: `${a} active\n${b} ready\n${c} ready\n`, stderr: '' })

  const add = await run('qpid-config', ['-b', a, 'add', 'queue', 'orders', '--replicate', 'all'])
  assert.deepEqual(add, { code: 0, stdout: '', stderr: '' })
  const sent = await send(a, 'orders', 20)
  await sent.confirmed
  sent.close()
  // confirmed only once every ready backup holds the message: both replicas are complete now
  assert.equal(await queueDepth(b, 'orders'), 20)
  assert.equal(await queueDepth(c, 'orders'), 20)

  await brokers[0].kill()
  assert.equal((await run('qpid-ha', ['promote', '-b', b, '--cluster-manager'])).code, 0)
  await waitStatus(b, 'active')
  await waitStatus(c, 'ready')
  assert.equal(await queueDepth(b, 'orders'), 20)

  // the killed member comes back on its own host and rejoins as a backup of the new primary
  brokers[0] = await start(0, brokers[0].dataDir)
  await waitStatus(a, 'ready', 15000)
  assert.equal(await queueDepth(a, 'orders'), 20)
  const received = await receive(b, 'orders', 20)
  received.close()
  assert.equal(received.bodies.length, 20)
})
