import rhea, { type Connection } from 'rhea'
import { BROKER_OBJECT } from '../../src/protocol/qmf-request.js'
import { parseBrokerUrl } from '../../src/protocol/url.js'
import { BrokerAgent } from '../../src/qmf/console.js'
import { goldenStdout } from './golden.js'
import { type RunResult, run } from './run.js'

/** The recorded dest and src brokers' ports in golden 110-127 (all on 127.0.0.1). */
const RECORDED = ['25680', '25681']

/**
 * A golden transcript's stdout with the recorded brokers' ports replaced by ours. Ephemeral ports
 * have five digits like the recorded ones, so column layouts stay as recorded.
 */
export function golden(
  file: string,
  destPort: number | string = RECORDED[0],
  srcPort: number | string = RECORDED[1],
): string {
  return goldenStdout(file).replace(/\b2568[01]\b/g, (p) => String(p === RECORDED[0] ? destPort : srcPort))
}

/** The synopsis exactly as the original printed it (golden 129). */
export const USAGE = golden('129-qpid-route-no-args.txt')

export const route = (...args: string[]): Promise<RunResult> => run('qpid-route', args)

/** A broker to reach: a 127.0.0.1 port, or a broker on another loopback address. */
export type BrokerAt = number | { host: string; port: number }

const hostOf = (at: BrokerAt) => (typeof at === 'number' ? '127.0.0.1' : at.host)
const portOf = (at: BrokerAt) => (typeof at === 'number' ? at : at.port)

function connect(at: BrokerAt): Promise<Connection> {
  return new Promise((resolve, reject) => {
    const conn = rhea.create_container().connect({ host: hostOf(at), port: portOf(at), reconnect: false } as never)
    conn.once('connection_open', () => resolve(conn))
    conn.once('disconnected', (ctx) => reject(ctx.error ?? new Error('disconnected')))
  })
}

/** Sends one message to `address` (exchange or queue) with `subject`; resolves once accepted. */
export async function send(at: BrokerAt, address: string, subject: string, body: string): Promise<void> {
  const conn = await connect(at)
  try {
    await new Promise<void>((resolve, reject) => {
      const sender = conn.open_sender(address)
      sender.once('sendable', () => sender.send({ subject, body }))
      sender.once('accepted', () => resolve())
      sender.once('rejected', () => reject(new Error(`${address} rejected the message`)))
      sender.once('sender_error', (ctx) => reject(ctx.sender?.error))
    })
  } finally {
    conn.close()
  }
}

/** The body of the next message on queue `address`, or a rejection after `timeoutMs`. */
export async function receiveOne(at: BrokerAt, address: string, timeoutMs = 5000): Promise<unknown> {
  const conn = await connect(at)
  try {
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`nothing arrived on ${address} within ${timeoutMs} ms`)),
        timeoutMs,
      )
      const receiver = conn.open_receiver(address)
      receiver.once('message', (ctx) => {
        clearTimeout(timer)
        resolve(ctx.message.body)
      })
      receiver.once('receiver_error', (ctx) => {
        clearTimeout(timer)
        reject(ctx.receiver?.error)
      })
    })
  } finally {
    conn.close()
  }
}

/** Declares queues and bindings on a broker through QMF (`create`), for test set-up. */
export async function declare(at: BrokerAt, queues: string[], bindings: Array<[string, string, string]> = []) {
  const agent = await BrokerAgent.connect({
    url: parseBrokerUrl(`${hostOf(at)}:${portOf(at)}`),
    timeoutMs: 5000,
    clientProcess: 'route-test',
  })
  try {
    for (const name of queues) await agent.callMethod(BROKER_OBJECT, 'create', { type: 'queue', name, properties: {} })
    for (const [ex, q, key] of bindings) {
      await agent.callMethod(BROKER_OBJECT, 'create', { type: 'binding', name: `${ex}/${q}/${key}`, properties: {} })
    }
  } finally {
    agent.close()
  }
}

/** Class query through QMF, values only (strings decoded), for waiting on broker state. */
export async function objects(at: BrokerAt, className: string): Promise<Record<string, unknown>[]> {
  const agent = await BrokerAgent.connect({
    url: parseBrokerUrl(`${hostOf(at)}:${portOf(at)}`),
    timeoutMs: 5000,
    clientProcess: 'route-test',
  })
  try {
    return (await agent.query(className)).map((o) => ({ ...o.values, _object_name: o.objectName }))
  } finally {
    agent.close()
  }
}

/** Polls `check` every 50 ms until it holds; fails after `timeoutMs`. */
export async function until(what: string, check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** True when `exchange` on the broker has a binding with `key` (to any queue). */
export async function hasBinding(at: BrokerAt, exchange: string, key: string): Promise<boolean> {
  const bindings = await objects(at, 'binding')
  return bindings.some(
    (b) =>
      (b.exchangeRef as { _object_name?: string })?._object_name?.endsWith(`:exchange:${exchange}`) &&
      b.bindingKey === key,
  )
}
