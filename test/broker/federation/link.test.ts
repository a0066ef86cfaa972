// A federation link's states against an in-process AMQP peer: refused (Waiting + lastError),
// reconnected by the maintenance visit (Operational), lost (Waiting), refused by SASL (Failed,
// final), closed by management (Closed), and a peer on another host (another loopback address).
import assert from 'node:assert/strict'
import { createServer, type Server, type Socket } from 'node:net'
import { describe, it } from 'node:test'
import rhea from 'rhea'
import type { Broker } from '../../../src/broker/broker.js'
import { FederationLink, type LinkConfig } from '../../../src/broker/federation/link.js'
import { closedPort } from '../../helpers/ports.js'

const quietBroker = { log: { info() {}, warning() {} } } as unknown as Broker

/** An AMQP peer on `port`; with `anonymous` false it offers only PLAIN, which a link without a user cannot use. */
function peer(port: number, anonymous = true, host = '127.0.0.1') {
  const container = rhea.create_container()
  if (anonymous) container.sasl_server_mechanisms.enable_anonymous()
  else container.sasl_server_mechanisms.enable_plain(() => false)
  const connections: rhea.Connection[] = []
  container.on('connection_open', (ctx) => connections.push(ctx.connection))
  container.on('disconnected', () => {})
  const server = container.listen({ port, host }) as unknown as Server
  return {
    ready: new Promise<void>((resolve) => server.once('listening', () => resolve())),
    dropAll: () => {
      for (const c of connections) (c as unknown as { socket: { destroy(): void } }).socket.destroy()
    },
    close: () => {
      for (const c of connections) (c as unknown as { socket: { destroy(): void } }).socket.destroy()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

function newLink(port: number, host = '127.0.0.1', connectTimeoutMs = 2000): FederationLink {
  const cfg: LinkConfig = {
    name: 'l1',
    host,
    port,
    transport: 'tcp',
    durable: false,
    authMechanism: '',
    username: '',
    password: '',
  }
  return new FederationLink(cfg, {
    broker: quietBroker,
    container: rhea.create_container(),
    heartbeatMs: 0,
    connectTimeoutMs,
  })
}

async function until(what: string, check: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

describe('federation link states', { timeout: 20000 }, () => {
  it('refused, then reconnected by a maintenance visit, then lost, then closed', async () => {
    const port = await closedPort()
    const link = newLink(port)
    assert.equal(link.state, 'Connecting')
    await until('the link waits', () => link.state === 'Waiting')
    assert.equal(link.lastError, 'Connection refused')

    const p = peer(port)
    await p.ready
    try {
      link.maintenanceVisit()
      await until('the link is operational', () => link.state === 'Operational')
      p.dropAll()
      await until('the link waits again', () => link.state === 'Waiting')
      assert.notEqual(link.lastError, 'Connection refused')
      link.close()
      assert.equal(link.state, 'Closed')
    } finally {
      await p.close()
    }
  })

  it('backs off: after a failure it waits 2, then 4 visits before the next attempt', async () => {
    const port = await closedPort()
    const link = newLink(port)
    await until('the first attempt failed', () => link.state === 'Waiting')
    link.maintenanceVisit() // 1st visit: interval 1 → attempt
    assert.equal(link.state, 'Connecting')
    await until('the second attempt failed', () => link.state === 'Waiting')
    link.maintenanceVisit()
    assert.equal(link.state, 'Waiting')
    link.maintenanceVisit() // 2nd visit of interval 2 → attempt
    assert.equal(link.state, 'Connecting')
    await until('the third attempt failed', () => link.state === 'Waiting')
    link.close()
  })

  it('a SASL refusal is final (Failed)', async () => {
    const port = await closedPort()
    const p = peer(port, false)
    await p.ready
    try {
      const link = newLink(port)
      await until('the link failed', () => link.state === 'Failed')
      assert.match(link.lastError, /mechanism/)
      link.maintenanceVisit()
      assert.equal(link.state, 'Failed')
      link.close()
    } finally {
      await p.close()
    }
  })

  it('a peer that accepts and never answers: the connect deadline puts the link back to Waiting', async () => {
    const sockets: Socket[] = []
    const hung = createServer((s) => sockets.push(s))
    await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve))
    try {
      const link = newLink((hung.address() as { port: number }).port, '127.0.0.1', 200)
      await until('the attempt timed out', () => link.state === 'Waiting')
      assert.equal(link.lastError, 'connection timed out')
      link.close()
    } finally {
      for (const s of sockets) s.destroy()
      await new Promise<void>((resolve) => hung.close(() => resolve()))
    }
  })

  it('dials the host the link names, not only 127.0.0.1', async () => {
    const port = await closedPort()
    const remote = peer(port, true, '127.0.0.3')
    await remote.ready
    try {
      const link = newLink(port, '127.0.0.3')
      await until('the link is operational', () => link.state === 'Operational')
      link.close()
    } finally {
      await remote.close()
    }
  })
})
