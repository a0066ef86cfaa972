// Helpers for HA end-to-end tests: a cluster of real qpidd-ref processes on port 0 (the brokers
// URL is set through the habroker method once every port is known), QMF probes, and small rhea
// clients that send with confirmation and consume.
import type { TestContext } from 'node:test'
import rhea, { type Connection, type Delivery } from 'rhea'
import { HA_BROKER_OBJECT } from '../../src/protocol/qmf-request.js'
import type { QmfMap } from '../../src/protocol/qmf-types.js'
import { parseBrokerUrl } from '../../src/protocol/url.js'
import { BrokerAgent } from '../../src/qmf/console.js'
import { type RunningBroker, startBroker } from './broker.js'

export const HA_ARGS = ['--ha-cluster', 'yes', '--link-maintenance-interval', '0.1', '--link-heartbeat-interval', '2']

export interface Cluster {
  brokers: RunningBroker[]
  url: string
  /** Starts (or restarts, reusing the data directory of) broker `i`. */
  start(i: number, extra?: string[]): Promise<RunningBroker>
}

export async function agent(address: string): Promise<BrokerAgent> {
  return BrokerAgent.connect({ url: parseBrokerUrl(address), haAdmin: true, timeoutMs: 3000, clientProcess: 'ha-test' })
}

/** One QMF round trip with a fresh admin connection. */
export async function withAgent<T>(address: string, fn: (a: BrokerAgent) => Promise<T>): Promise<T> {
  const a = await agent(address)
  try {
    return await fn(a)
  } finally {
    a.close()
  }
}

export async function haStatus(address: string): Promise<string> {
  return withAgent(address, async (a) => String((await a.getSingleton('habroker'))?.values.status))
}

export async function queueDepth(address: string, queue: string): Promise<number | undefined> {
  return withAgent(address, async (a) => {
    const q = await a.getObject(`org.apache.qpid.broker:queue:${queue}`)
    return q === undefined ? undefined : Number(q.values.msgDepth)
  })
}

/** Polls `probe` until it returns true; fails with `what` after `timeoutMs`. */
export async function waitFor(what: string, probe: () => Promise<boolean> | boolean, timeoutMs = 10000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let last: unknown
  for (;;) {
    try {
      if (await probe()) return
    } catch (e) {
      last = e
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

export const waitStatus = (address: string, status: string, timeoutMs = 10000) =>
  waitFor(`${address} to be ${status}`, async () => (await haStatus(address)) === status, timeoutMs)

/** For suites: a stand-in for TestContext whose after() callbacks run at `stopAll()`. */
export function suiteScope(): { t: TestContext; stopAll(): Promise<void> } {
  const stops: Array<() => unknown> = []
  const t = { after: (fn: () => unknown) => stops.push(fn) } as unknown as TestContext
  return { t, stopAll: async () => void (await Promise.all(stops.map((f) => f()))) }
}

export interface ClusterOptions {
  /** Real qpidd brokers (test/helpers/real-qpidd.ts) instead of qpidd-ref. */
  real?: boolean
}

export async function startCluster(
  t: TestContext,
  n = 3,
  extra: string[] = [],
  opts: ClusterOptions = {},
): Promise<Cluster> {
  const brokers: RunningBroker[] = []
  let starting = true
  const cluster: Cluster = {
    brokers,
    url: '',
    start: async (i, more = []) => {
      // a restart keeps the data directory (so the system id), but gets a new port; a restarted or
      // an added broker makes every live broker be told the new brokers URL
      const b = await startBroker(t, {
        args: [...HA_ARGS, ...extra, ...more],
        dataDir: brokers[i]?.dataDir,
        real: opts.real,
      })
      brokers[i] = b
      if (!starting) await setUrl(cluster)
      return b
    },
  }
  for (let i = 0; i < n; i++) await cluster.start(i)
  starting = false
  await setUrl(cluster)
  return cluster
}

async function setUrl(cluster: Cluster): Promise<void> {
  cluster.url = cluster.brokers.map((b) => b.address).join(',')
  for (const b of cluster.brokers) {
    if (b.process.exitCode !== null || b.process.signalCode !== null) continue
    await withAgent(b.address, (a) => a.callMethod(HA_BROKER_OBJECT, 'setBrokersUrl', { url: cluster.url }))
  }
}

export async function promote(address: string): Promise<void> {
  await withAgent(address, (a) => a.callMethod(HA_BROKER_OBJECT, 'promote'))
}

/** A cluster with broker 0 promoted and the others ready. */
export async function activeCluster(
  t: TestContext,
  n = 3,
  extra: string[] = [],
  opts: ClusterOptions = {},
): Promise<Cluster> {
  const c = await startCluster(t, n, extra, opts)
  await promote(c.brokers[0].address)
  for (const b of c.brokers.slice(1)) await waitStatus(b.address, 'ready')
  return c
}

export function connect(address: string, properties: Record<string, unknown> = {}): Promise<Connection> {
  const { host, port } = parseBrokerUrl(address)
  return new Promise((resolve, reject) => {
    const conn = rhea
      .create_container({ id: `ha-test-${rhea.generate_uuid()}` })
      .connect({ host, port, reconnect: false, properties } as never)
    conn.once('connection_open', () => resolve(conn))
    conn.once('connection_error', (ctx) => reject(ctx.connection.error ?? new Error('connection error')))
    conn.once('disconnected', (ctx) => reject(ctx.error ?? new Error('connection aborted')))
    conn.on('error', () => {})
  })
}

export interface Sent {
  /** Resolves when every message was accepted by the broker. */
  confirmed: Promise<void>
  /** Number accepted so far. */
  accepted(): number
  close(): void
}

/** Sends `n` unsettled messages `<prefix><i>` to `address`, counting acceptances. */
export async function send(
  brokerAddress: string,
  address: string,
  n: number,
  opts: { prefix?: string; durable?: boolean; props?: (i: number) => Record<string, unknown> } = {},
): Promise<Sent> {
  const conn = await connect(brokerAddress)
  const sender = conn.open_sender({ target: { address } })
  let accepted = 0
  let sent = 0
  let done: () => void = () => {}
  let fail: (e: Error) => void = () => {}
  const confirmed = new Promise<void>((resolve, reject) => {
    done = resolve
    fail = reject
  })
  if (n === 0) done()
  sender.on('accepted', () => {
    if (++accepted === n) done()
  })
  sender.on('rejected', (ctx) => fail(new Error(`rejected: ${JSON.stringify(ctx.delivery.remote_state)}`)))
  conn.on('disconnected', (ctx) =>
    fail(new Error(`connection lost: ${JSON.stringify(ctx.connection.error ?? ctx.error ?? null)}`)),
  )
  sender.on('sendable', () => {
    while (sender.sendable() && sent < n) {
      const i = sent++
      sender.send({
        body: `${opts.prefix ?? 'm'}${i}`,
        durable: opts.durable ?? false,
        application_properties: opts.props?.(i),
      })
    }
  })
  return { confirmed, accepted: () => accepted, close: () => conn.close() }
}

/** Receives `n` messages from a queue; `ack: false` leaves them acquired (unacknowledged). */
export async function receive(
  brokerAddress: string,
  queue: string,
  n: number,
  opts: { ack?: boolean; properties?: Record<string, unknown> } = {},
): Promise<{ bodies: string[]; deliveries: Delivery[]; close(): void }> {
  const conn = await connect(brokerAddress, opts.properties)
  const receiver = conn.open_receiver({ source: { address: queue }, autoaccept: false, credit_window: 0 } as never)
  receiver.once('receiver_open', () => receiver.add_credit(n))
  const bodies: string[] = []
  const deliveries: Delivery[] = []
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`received ${bodies.length} of ${n} from ${queue}`)), 10000)
    receiver.on('message', (ctx) => {
      bodies.push(String(ctx.message?.body))
      deliveries.push(ctx.delivery as Delivery)
      if (opts.ack !== false) ctx.delivery?.accept()
      if (bodies.length === n) {
        clearTimeout(timer)
        resolve()
      }
    })
  })
  return { bodies, deliveries, close: () => conn.close() }
}

/** Browses (copies, does not consume) `n` messages of a queue over an admin connection. */
export async function browse(brokerAddress: string, queue: string, n: number): Promise<string[]> {
  if (n === 0) return []
  const conn = await connect(brokerAddress, { 'qpid.ha-admin': 1 })
  try {
    const receiver = conn.open_receiver({
      source: { address: queue, distribution_mode: 'copy' },
      credit_window: 0,
    } as never)
    receiver.once('receiver_open', () => receiver.add_credit(n))
    const bodies: string[] = []
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`browsed ${bodies.length} of ${n} from ${queue}`)), 10000)
      receiver.on('message', (ctx) => {
        bodies.push(String(ctx.message?.body))
        if (bodies.length === n) {
          clearTimeout(timer)
          resolve()
        }
      })
    })
    return bodies
  } finally {
    conn.close()
  }
}

/** Creates a queue through the broker's QMF `create` method. */
export async function createQueue(address: string, name: string, properties: QmfMap = {}): Promise<void> {
  await withAgent(address, (a) =>
    a.callMethod('org.apache.qpid.broker:broker:amqp-broker', 'create', {
      type: 'queue',
      name,
      properties,
      strict: true,
    }),
  )
}

export const range = (n: number, prefix = 'm') => Array.from({ length: n }, (_, i) => `${prefix}${i}`)
