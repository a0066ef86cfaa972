// A tiny in-process AMQP 1.0 peer for the failover client's unit tests: queues as arrays, a
// chosen outcome for incoming messages, and the failure modes the client must survive: a crash
// (every socket destroyed), a hang (a proxy that stops forwarding, like SIGSTOP), and an HA
// backup's refusal (socket dropped before open).
import { once } from 'node:events'
import net from 'node:net'
import rhea, { type Container, type Delivery, type Message as RheaMessage, type Sender } from 'rhea'
import type { Message } from '../../src/client/failover-sender.js'

export type Outcome = 'accept' | 'reject' | 'release' | 'hold'

export interface MiniBrokerOptions {
  outcome?: Outcome
  /** Drop every client socket when its open arrives, as an HA backup does. */
  refuseClients?: boolean
}

export interface MiniBroker {
  port: number
  address: string
  /** Messages that arrived, per address, in arrival order. */
  received: Map<string, Message[]>
  /** Deliveries left unsettled in 'hold' mode. */
  held: Delivery[]
  /** One entry per link a client attached: `in <address>` (client sends) or `out <address>` (client consumes). */
  links: string[]
  /** Queues messages for consumers of `address`. */
  put(address: string, ...messages: Message[]): void
  /** Destroys every connection and stops listening (a crash). */
  kill(): Promise<void>
}

export async function startMiniBroker(opts: MiniBrokerOptions = {}): Promise<MiniBroker> {
  const container: Container = rhea.create_container({ id: 'mini-broker', autoaccept: false })
  const received = new Map<string, Message[]>()
  const queues = new Map<string, Message[]>()
  const consumers = new Map<string, Sender[]>()
  const sockets = new Set<net.Socket>()
  const held: Delivery[] = []
  const links: string[] = []

  const pump = (address: string) => {
    const q = queues.get(address) ?? []
    for (const s of consumers.get(address) ?? []) {
      while (q.length > 0 && s.sendable()) s.send(q.shift()! as RheaMessage)
    }
  }
  container.on('connection_open', (ctx) => {
    if (opts.refuseClients) ctx.connection.socket?.destroy(new Error('refused'))
  })
  container.on('receiver_open', (ctx) => {
    const r = ctx.receiver!
    r.set_target({ address: r.target?.address })
    links.push(`in ${r.target?.address}`)
  })
  container.on('message', (ctx) => {
    const address = ctx.receiver!.target?.address ?? ''
    if (!received.has(address)) received.set(address, [])
    received.get(address)!.push(ctx.message!)
    const d = ctx.delivery!
    if (opts.outcome === 'hold') held.push(d)
    else if (opts.outcome === 'reject') d.reject({ condition: 'amqp:precondition-failed', description: 'no thanks' })
    else if (opts.outcome === 'release') d.release()
    else d.accept()
  })
  container.on('sender_open', (ctx) => {
    const s = ctx.sender!
    const address = s.source?.address ?? ''
    s.set_source({ address })
    links.push(`out ${address}`)
    consumers.set(address, [...(consumers.get(address) ?? []), s])
  })
  // Deferred: rhea would write a transfer sent from a new link's first flow before its attach.
  container.on('sendable', (ctx) => setImmediate(pump, ctx.sender!.source?.address ?? ''))
  container.on('disconnected', () => {})

  const server = container.listen({ host: '127.0.0.1', port: 0 }) as unknown as net.Server
  server.on('connection', (s: net.Socket) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await once(server, 'listening')
  const port = (server.address() as net.AddressInfo).port
  return {
    port,
    address: `127.0.0.1:${port}`,
    received,
    held,
    links,
    put(address, ...messages) {
      if (!queues.has(address)) queues.set(address, [])
      queues.get(address)!.push(...messages)
      pump(address)
    },
    async kill() {
      // With an error, so rhea's disconnect path runs and stops its heartbeat timers.
      for (const s of sockets) s.destroy(new Error('killed'))
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

export interface FreezableProxy {
  address: string
  /** Stops forwarding in both directions while keeping every socket open (SIGSTOP). */
  freeze(): void
  close(): Promise<void>
}

/** A TCP proxy to `port` that can be frozen. */
export async function startProxy(port: number): Promise<FreezableProxy> {
  let frozen = false
  const pairs = new Set<net.Socket>()
  const server = net.createServer((client) => {
    const upstream = net.connect(port, '127.0.0.1')
    for (const s of [client, upstream]) {
      pairs.add(s)
      s.on('error', () => {})
      s.on('close', () => {
        pairs.delete(s)
        client.destroy()
        upstream.destroy()
      })
    }
    client.on('data', (d) => frozen || upstream.write(d))
    upstream.on('data', (d) => frozen || client.write(d))
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return {
    address: `127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    freeze() {
      frozen = true
    },
    async close() {
      for (const s of pairs) s.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** Resolves once `condition()` holds; rejects after `timeoutMs` naming what was awaited. */
export async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}
