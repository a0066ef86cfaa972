// Dialling a broker, for every AMQP 1.0 connection this project opens: the tools' and the client's
// (through openConnection: one attempt within a deadline, failures in the Python tools' terms) and
// the broker's own links to other brokers (HA replication and status checks, federation), which
// take the rhea options from dialOptions and watch the connection themselves.
import { randomUUID } from 'node:crypto'
import rhea, { type Connection, type ConnectionOptions } from 'rhea'
// rhea only builds its own mechanism list when given a user; we need ANONYMOUS too, and a chosen
// mechanism, so we use its (untyped) SASL module directly.
// @ts-expect-error rhea ships no typings for lib/sasl.js
import sasl from 'rhea/lib/sasl.js'
import { PythonError, socketError } from './errors.js'
import type { BrokerUrl } from './url.js'

export interface DialOptions {
  host: string
  port: number
  /** TLS (amqps) instead of plain TCP. */
  tls?: boolean
  user?: string
  password?: string
  /** Restrict SASL to this one mechanism (PLAIN, ANONYMOUS or EXTERNAL). */
  saslMechanism?: string
  /** The AMQP open frame's properties. */
  properties?: Record<string, unknown>
  /** AMQP idle time-out asked of the peer; detects a hung peer. */
  heartbeatMs?: number
}

export const SASL_MECHANISMS = ['PLAIN', 'ANONYMOUS', 'EXTERNAL'] as const

/**
 * SASL always, as qpid clients do: PLAIN when there are credentials, ANONYMOUS (as the user, if
 * any) otherwise or besides, or only the mechanism asked for. Throws for one this client lacks.
 */
function saslMechanisms(d: DialOptions): unknown {
  const mechs = sasl.client_mechanisms()
  const wanted = d.saslMechanism?.toUpperCase()
  if ((!wanted || wanted === 'PLAIN') && d.user && d.password !== undefined) mechs.enable_plain(d.user, d.password)
  if (!wanted || wanted === 'ANONYMOUS') mechs.enable_anonymous(d.user || 'anonymous')
  if (wanted === 'EXTERNAL') mechs.enable_external()
  if (wanted && !SASL_MECHANISMS.some((m) => m === wanted)) {
    throw new PythonError('ConnectError', `SASL mechanism ${d.saslMechanism} is not supported by this client`)
  }
  return mechs
}

/** rhea's options for one connection attempt (no reconnect of rhea's own: each caller has its policy). */
export function dialOptions(d: DialOptions): ConnectionOptions {
  return {
    host: d.host,
    port: d.port,
    reconnect: false,
    // Nagle would hold each small frame written back to back (header, open, begin, attaches)
    // until the previous one is acknowledged; rhea only turns it off when a receiver attaches.
    tcp_no_delay: true,
    properties: d.properties,
    idle_time_out: d.heartbeatMs,
    sasl_mechanisms: saslMechanisms(d),
    ...(d.tls ? { transport: 'tls' } : {}),
  } as ConnectionOptions
}

export interface ConnectOptions {
  url: BrokerUrl
  /** `--sasl-mechanism`: restrict SASL to this one mechanism. */
  saslMechanism?: string
  /** Sets the `qpid.ha-admin` open property so an HA backup accepts the connection. */
  haAdmin?: boolean
  /** Deadline for the whole connection set-up (TCP, SASL, open). */
  timeoutMs: number
  /** Program name sent as `qpid.client_process` (qpid-stat -c shows it). */
  clientProcess: string
  /** AMQP idle time-out we ask the broker to honour; detects a hung broker. */
  heartbeatMs?: number
}

/**
 * Resolves with an open connection, or rejects with a PythonError in the Python tools' terms.
 * `created` gets the connection at once, before the broker's open arrives, so a caller can queue
 * its sessions and links behind the open frame instead of waiting a round trip for it.
 */
export function openConnection(opts: ConnectOptions, created?: (conn: Connection) => void): Promise<Connection> {
  const container = rhea.create_container({ id: randomUUID() })
  const properties: Record<string, unknown> = {
    'qpid.client_process': opts.clientProcess,
    'qpid.client_pid': process.pid,
    'qpid.client_ppid': process.ppid,
  }
  if (opts.haAdmin) properties['qpid.ha-admin'] = 1
  const options = dialOptions({
    host: opts.url.host,
    port: opts.url.port,
    tls: opts.url.scheme === 'amqps',
    user: opts.url.user,
    password: opts.url.password,
    saslMechanism: opts.saslMechanism,
    properties,
    heartbeatMs: opts.heartbeatMs,
  })

  return new Promise((resolve, reject) => {
    let settled = false
    const fail = (err: PythonError) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      try {
        conn.close()
      } catch {}
      // with an error, so rhea runs its disconnect path and stops this connection's heartbeat timer
      // (the failover client opens many of these while it walks its address list)
      conn.socket?.destroy?.(err)
      reject(err)
    }
    const timer = setTimeout(() => fail(new PythonError('ConnectError', 'timed out')), opts.timeoutMs)
    const conn = container.connect(options)
    created?.(conn)
    conn.on('connection_open', () => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      resolve(conn)
    })
    conn.on('connection_error', (ctx) => {
      // A refusal in the broker's close frame is the remote error; a failed SASL exchange is rhea's
      // own transport error (ctx.error, condition unauthorized-access, text "Failed to authenticate: <code>").
      type AmqpError = { condition?: string; description?: string } | undefined
      const remote = ctx.connection.error as AmqpError
      const e = remote ?? ((ctx as { error?: unknown }).error as AmqpError)
      if (e?.condition === 'amqp:unauthorized-access') {
        fail(new PythonError('AuthenticationFailure', remote?.description ?? 'Authentication failed'))
      } else {
        fail(new PythonError('ConnectionError', e?.description ?? e?.condition ?? 'connection aborted'))
      }
    })
    conn.on('disconnected', (ctx) => {
      const err = (ctx as { error?: NodeJS.ErrnoException }).error
      fail(err?.code ? socketError(err) : new PythonError('ConnectionError', 'connection aborted'))
    })
    conn.on('error', (err: Error) => fail(new PythonError('ConnectionError', err.message)))
  })
}
