// A pull bridge against an in-process AMQP peer standing in for the remote broker: it consumes
// the remote queue, hands each message to the local broker, accepts it remotely only once the
// local store has synced it, and attaches again after the link reconnects.
import assert from 'node:assert/strict'
import type { Server } from 'node:net'
import { it } from 'node:test'
import rhea, { type Sender } from 'rhea'
import type { Broker } from '../../../src/broker/broker.js'
import { Bridge } from '../../../src/broker/federation/bridge.js'
import { FederationLink } from '../../../src/broker/federation/link.js'
import type { InboundMessage } from '../../../src/broker/nodes/message.js'
import { installRheaPatch } from '../../../src/broker/transport/rhea/index.js'
import { rawDecoding } from '../../../src/broker/transport/rhea/raw-decoding.js'
import { closedPort } from '../../helpers/ports.js'

async function until(what: string, check: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

it('pull bridge: remote accept only after the local sync; re-attached after a reconnect', {
  timeout: 20000,
}, async (t) => {
  installRheaPatch(rawDecoding) // as in the broker process: messages arrive undecoded
  const published: { subject?: string; exchange: string }[] = []
  const pendingSyncs: (() => void)[] = []
  const broker = {
    log: { info() {}, warning() {} },
    exchanges: new Map([['amq.direct', { name: 'amq.direct' }]]),
    publish(msg: InboundMessage, ex: { name: string }) {
      published.push({ subject: msg.subject, exchange: ex.name })
      return true // persistent: the delivery must wait for the store
    },
    store: { sync: (done: () => void) => pendingSyncs.push(done) },
  } as unknown as Broker

  // the remote broker: serves queue `rq` to whoever attaches
  const port = await closedPort()
  const peer = rhea.create_container()
  peer.sasl_server_mechanisms.enable_anonymous()
  const senders: Sender[] = []
  const outcomes: string[] = []
  peer.on('sender_open', (ctx) => {
    const address = ctx.sender.remote.attach.source?.address
    ctx.sender.set_source({ address })
    // the link's management reply receiver attaches too; only the bridge's consumer counts
    if (address === 'rq') senders.push(ctx.sender)
  })
  peer.on('accepted', () => outcomes.push('accepted'))
  peer.on('disconnected', () => {})
  const server = peer.listen({ port, host: '127.0.0.1' }) as unknown as Server
  await new Promise((r) => server.once('listening', r))

  const link = new FederationLink(
    {
      name: 'l',
      host: '127.0.0.1',
      port,
      transport: 'tcp',
      durable: false,
      authMechanism: '',
      username: '',
      password: '',
    },
    { broker, container: rhea.create_container(), heartbeatMs: 0, connectTimeoutMs: 2000 },
  )
  t.after(async () => {
    link.close()
    for (const snd of senders) (snd.connection as unknown as { socket: { destroy(): void } }).socket.destroy()
    await new Promise((r) => server.close(r))
  })
  const cfg = {
    name: 'b',
    src: 'rq',
    dest: 'amq.direct',
    key: '',
    tag: '',
    excludes: '',
    srcIsQueue: true,
    srcIsLocal: false,
    dynamic: false,
    durable: false,
    sync: 0,
    credit: 10,
  }
  link.addBridge(new Bridge(cfg, link, broker))
  await until('the bridge attaches to rq', () => senders.length === 1 && senders[0].sendable())
  assert.equal(senders[0].source.address, 'rq')

  senders[0].send({ subject: 'k', body: 'm1' })
  await until('the message reaches the local broker', () => published.length === 1)
  assert.deepEqual(published, [{ subject: 'k', exchange: 'amq.direct' }])
  await new Promise((r) => setTimeout(r, 50))
  assert.deepEqual(outcomes, [], 'not accepted before the local store synced')
  pendingSyncs.shift()?.()
  await until('the remote sees the accept', () => outcomes.length === 1)

  // the remote drops the connection: the link waits, reconnects on a visit, the bridge re-attaches
  ;(senders[0].connection as unknown as { socket: { destroy(): void } }).socket.destroy()
  await until('the link waits', () => link.state === 'Waiting')
  link.maintenanceVisit()
  await until('the bridge attaches again', () => senders.length === 2 && link.state === 'Operational')
  assert.equal(senders[1].source.address, 'rq')
})
