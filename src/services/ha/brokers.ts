// How qpid-ha reaches brokers: connection defaults (qpidd.conf, --timeout), the admin connection,
// the habroker object, and the `--all` fan-out over the cluster's brokers URL. Every step has a
// deadline, so no command hangs on a dead or stopped broker.
import { readFileSync } from 'node:fs'
import type { Session } from 'rhea'
import { noteBroker } from '../../cli/json-output.js'
import { openConnection } from '../../protocol/connection.js'
import { PythonError, pyStr } from '../../protocol/errors.js'
import type { QmfObject } from '../../protocol/qmf-types.js'
import { type BrokerUrl, hostPort, hostText, parseBrokerUrl } from '../../protocol/url.js'
import type { BrokerAgent } from '../../qmf/console.js'
import {
  asPythonError,
  connectConsole,
  DEFAULT_TIMEOUT_S,
  noteJsonFailure,
  type ToolConnection,
} from '../broker-call.js'

export interface HaFlags {
  broker?: string
  timeout?: string
  'sasl-mechanism'?: string
  config?: string
}

export interface Target {
  /** The broker text as the Python tool holds it (used in "HA module is not loaded" errors). */
  text: string
  /** `host:port` as given, for the `broker` of --json documents. */
  label: string
  connect: ToolConnection
}

const DEFAULT_BROKER = '0.0.0.0'

/** qpidtoollibs parse_qpidd_conf: key=value lines, `#` comments; QPID_<X> env vars override as `<x>`. */
export function readQpiddConf(path: string): Map<string, string> {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'ENOENT')
      throw new PythonError('FileNotFoundError', `[Errno 2] No such file or directory: ${pyStr(path)}`)
    throw new PythonError('Exception', `cannot read ${path}: ${code ?? 'error'}`)
  }
  const conf = new Map<string, string>()
  for (const raw of text.split('\n')) {
    const line = raw.split('#')[0].trim()
    const eq = line.indexOf('=')
    if (eq > 0) conf.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim())
  }
  for (const [k, v] of Object.entries(process.env)) {
    if (k.startsWith('QPID_') && v !== undefined) conf.set(k.slice(5).toLowerCase(), v)
  }
  return conf
}

function pyFloat(text: string): number {
  const n = Number(text.trim())
  if (text.trim() === '' || Number.isNaN(n)) {
    throw new PythonError('ValueError', `could not convert string to float: ${pyStr(text)}`)
  }
  return n
}

/** qpid.util.URL's str(): scheme only when given, port only when known. */
function urlText(url: BrokerUrl, scheme: boolean, port: boolean): string {
  const cred = url.user ? `${url.user}${url.password ? `/${url.password}` : ''}@` : ''
  return `${scheme ? `${url.scheme}://` : ''}${cred}${hostText(url.host)}${port ? `:${url.port}` : ''}`
}

/** Resolves -b/--timeout/--config into connection options, as qpid-ha's Command.connect does. */
export function resolveTarget(flags: HaFlags): Target {
  let text = flags.broker || DEFAULT_BROKER
  let timeoutS = flags.timeout ? pyFloat(flags.timeout) : 0
  let mechanism = flags['sasl-mechanism']
  let url: BrokerUrl
  if (flags.config) {
    const conf = readQpiddConf(flags.config)
    const confPort = conf.get('port')
    url = parseBrokerUrl(text, confPort ? Number(confPort) : undefined)
    url.user ??= conf.get('ha-username')
    url.password ??= conf.get('ha-password')
    text = urlText(url, /^[a-zA-Z][\w+.-]*:\/\//.test(text), /:\d+$/.test(text) || Boolean(confPort))
    mechanism ||= conf.get('ha-mechanism')
    const hb = conf.get('ha-heartbeat-interval') || conf.get('link-heartbeat-interval')
    if (!timeoutS && hb) timeoutS = pyFloat(hb)
  } else url = parseBrokerUrl(text)
  const label = hostPort(url)
  noteBroker(label)
  // Python waits forever when --config gives no heartbeat; we never wait forever (docs/compat.md).
  if (!timeoutS || timeoutS < 0) timeoutS = DEFAULT_TIMEOUT_S
  // 0.0.0.0 and localhost mean "this host"; we only ever dial IPv4 loopback (brokers listen there)
  const host = url.host === DEFAULT_BROKER || url.host === 'localhost' ? '127.0.0.1' : url.host
  return {
    text,
    label,
    connect: {
      url: { ...url, host },
      saslMechanism: mechanism || undefined,
      haAdmin: true,
      timeoutMs: timeoutS * 1000,
      clientProcess: 'qpid-ha',
      // qpid.messaging heartbeat = ceil(timeout/2); rhea declares the peer dead after 2 × idle time-out
      heartbeatMs: Math.ceil(timeoutS / 2) * 1000,
    },
  }
}

/** The broker answered, without the HA module (qpid-ha check tells it from an unreachable one). */
export class NoHaModule extends PythonError {
  constructor(broker: string) {
    super('Exception', `HA module is not loaded on broker at ${broker}`)
  }
}

export interface HaSession {
  agent: BrokerAgent
  ha: QmfObject
}

/** Connects as admin and fetches the habroker object; fails when the HA module is absent. */
export async function openHa(target: Target): Promise<HaSession> {
  const agent = await connectConsole(target.connect)
  try {
    const ha = await agent.getSingleton('habroker')
    if (!ha) throw new NoHaModule(target.text)
    return { agent, ha }
  } catch (err) {
    agent.close()
    throw err
  }
}

/** `ping`: a connection and a session, no management traffic. */
export async function ping(target: Target): Promise<void> {
  const conn = await openConnection(target.connect)
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new PythonError('Timeout', 'session not opened in time')),
        target.connect.timeoutMs,
      )
      const session: Session = conn.create_session()
      session.once('session_open', () => {
        clearTimeout(timer)
        resolve()
      })
      conn.once('disconnected', () => {
        clearTimeout(timer)
        reject(new PythonError('ConnectionError', 'connection aborted'))
      })
      session.begin()
    })
  } finally {
    conn.close()
  }
}

/** Addresses of `brokersUrl` the way qpid-ha reads them (`amqp:`/`tcp:` prefixes dropped). */
export function clusterAddresses(brokersUrl: string): string[] {
  return brokersUrl
    .replace(/^amqps?:/, '')
    .replaceAll('tcp:', '')
    .split(',')
    .filter((a) => a !== '')
}

export type BrokerResult = { address: string; ha: QmfObject } | { address: string; error: PythonError }

/** What one member answered to `askAll`, or why it could not. */
export type MemberResult<T> = { address: string; value: T } | { address: string; error: PythonError }

/**
 * Asks every broker of the cluster in parallel, each over its own admin connection within its own
 * deadline (connection and questions together), and returns the answers in brokers-URL order.
 * Credentials given with -b are reused for each.
 */
export async function askAll<T>(
  addresses: string[],
  flags: HaFlags,
  target: Target,
  ask: (session: HaSession) => Promise<T>,
): Promise<MemberResult<T>[]> {
  const at = target.text.indexOf('@')
  const userpass = at === -1 ? undefined : target.text.slice(0, at)
  return Promise.all(
    addresses.map(async (address): Promise<MemberResult<T>> => {
      const broker = userpass && !address.includes('@') ? `${userpass}@${address}` : address
      let session: HaSession | undefined
      let finished = false
      try {
        const t = resolveTarget({ ...flags, broker })
        const asked = (async () => {
          const s = await openHa(t)
          // a connection made after the deadline is closed at once
          if (finished) s.agent.close()
          else session = s
          return ask(s)
        })()
        return { address, value: await withDeadline(asked, t.connect.timeoutMs) }
      } catch (err) {
        return { address, error: asPythonError(err) }
      } finally {
        finished = true
        session?.agent.close()
      }
    }),
  )
}

/** `--all`: every broker's habroker object (see askAll). */
export async function queryAll(addresses: string[], flags: HaFlags, target: Target): Promise<BrokerResult[]> {
  const results = await askAll(addresses, flags, target, async (s) => s.ha)
  return results.map((r) => ('value' in r ? { address: r.address, ha: r.value } : r))
}

/** One overall budget for connect + query, on top of the per-step deadlines. */
function withDeadline<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new PythonError('Timeout', `no answer within ${ms / 1000} s`)), ms)
    p.then(
      (v) => {
        clearTimeout(timer)
        resolve(v)
      },
      (e) => {
        clearTimeout(timer)
        reject(e)
      },
    )
  })
}

/** qpid-ha's top-level error line: `<ExceptionClass>: <message>`. */
export function errorLine(err: unknown): string {
  const e = asPythonError(err)
  return `${e.pythonClass}: ${e.message}\n`
}

/**
 * Runs a command body the way qpid-ha's main() does: any failure prints `<Class>: <message>`
 * on stdout and exits 1; otherwise the body's own exit status.
 */
export async function runHa(body: () => Promise<number | undefined>): Promise<number> {
  try {
    return (await body()) ?? 0
  } catch (err) {
    noteJsonFailure(err)
    process.stdout.write(errorLine(err))
    return 1
  }
}
