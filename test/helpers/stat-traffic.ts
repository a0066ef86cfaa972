// Real AMQP 1.0 traffic for qpid-stat's end-to-end tests: named client connections (so -c/-u
// rows are known in advance), producers that wait for the broker's acceptance and consumers that
// acknowledge or hold their messages. Every wait is bounded.
import rhea, { type Connection, type Delivery, type Message, type Receiver } from 'rhea'
import { parseBrokerUrl } from '../../src/protocol/url.js'
import { BrokerAgent } from '../../src/qmf/console.js'

const LIMIT_MS = 5000

function within<T>(what: string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), LIMIT_MS)
  })
  return Promise.race([p, t]).finally(() => clearTimeout(timer))
}

export interface Client {
  conn: Connection
  /** The QMF connection address the broker shows for this client. */
  address: string
}

/** Opens a connection that announces `processName`/`pid` as the Python clients do. */
export async function openClient(port: number, processName: string, pid: number): Promise<Client> {
  const container = rhea.create_container({ id: `${processName}-${rhea.generate_uuid()}` })
  const conn = container.connect({
    host: '127.0.0.1',
    port,
    reconnect: false,
    properties: { 'qpid.client_process': processName, 'qpid.client_pid': pid },
  } as never)
  await within(
    'connection open',
    new Promise((resolve, reject) => {
      conn.once('connection_open', resolve)
      conn.once('disconnected', (ctx) => reject(ctx.error ?? new Error('disconnected')))
    }),
  )
  const socket = (conn as unknown as { socket: { localPort: number } }).socket
  return { conn, address: `qpid.127.0.0.1:${port}-127.0.0.1:${socket.localPort}` }
}

/** Declares a queue through the broker's QMF `create` method (what qpid-config add queue does). */
export async function createQueue(port: number, name: string, properties: Record<string, unknown> = {}) {
  const agent = await BrokerAgent.connect({
    url: parseBrokerUrl(`127.0.0.1:${port}`),
    timeoutMs: LIMIT_MS,
    clientProcess: 'stat-e2e',
  })
  try {
    await agent.callMethod('org.apache.qpid.broker:broker:amqp-broker', 'create', {
      type: 'queue',
      name,
      strict: true,
      properties: properties as never,
    })
  } finally {
    agent.close()
  }
}

/** The size the broker counts for a message: its encoded bytes as transferred. */
export function encodedSize(message: Message): number {
  return (rhea.message as unknown as { encode(m: Message): Buffer }).encode(message).length
}

/** Sends the messages and resolves when the broker has accepted every one. */
export async function send(conn: Connection, address: string, messages: Message[]): Promise<void> {
  const sender = conn.open_sender({ target: { address } })
  let accepted = 0
  await within(
    `sending ${messages.length} to ${address}`,
    new Promise<void>((resolve, reject) => {
      sender.once('sendable', () => {
        for (const m of messages) sender.send(m)
      })
      sender.on('accepted', () => {
        if (++accepted === messages.length) resolve()
      })
      sender.on('rejected', (ctx) => reject(new Error(`rejected: ${JSON.stringify(ctx.delivery?.remote_state)}`)))
    }),
  )
}

export interface Consumer {
  receiver: Receiver
  deliveries: Delivery[]
}

/**
 * Attaches a consumer named `name` with credit for `count` messages and resolves once they
 * arrived. `ack` accepts each one; otherwise they stay unacknowledged (sessUnacked).
 */
export async function consume(
  conn: Connection,
  address: string,
  name: string,
  count: number,
  opts: { ack: boolean; browse?: boolean },
): Promise<Consumer> {
  const source = opts.browse ? { address, distribution_mode: 'copy' } : { address }
  const receiver = conn.open_receiver({ name, source, credit_window: 0, autoaccept: false } as never)
  const deliveries: Delivery[] = []
  await within(
    `receiving ${count} from ${address}`,
    new Promise<void>((resolve) => {
      receiver.once('receiver_open', () => {
        if (count === 0) resolve()
        else receiver.add_credit(count)
      })
      receiver.on('message', (ctx) => {
        deliveries.push(ctx.delivery!)
        if (opts.ack) ctx.delivery!.accept()
        if (deliveries.length === count) resolve()
      })
    }),
  )
  return { receiver, deliveries }
}

/**
 * Resolves once the broker has processed everything this connection sent before: the broker
 * handles a connection's frames in order, so the answer to a new link's attach comes after it
 * took in earlier dispositions.
 */
export async function roundTrip(conn: Connection): Promise<void> {
  const sender = conn.open_sender({ target: {} })
  await within('round trip', new Promise<void>((resolve) => sender.once('sender_open', () => resolve())))
  sender.close()
}
