// Opens one AMQP 1.0 connection to a broker the way the Python tools' client did: SASL always
// (ANONYMOUS unless the URL carries credentials), client process properties, and the
// `qpid.ha-admin` property when the tool may talk to an HA backup.
import { randomUUID } from 'node:crypto'
import rhea, { type Connection, type ConnectionOptions } from 'rhea'
// rhea only builds its own mechanism list when the URL has a user; we need ANONYMOUS too, and
// --sasl-mechanism, so we use its (untyped) SASL module directly.
// @ts-expect-error rhea ships no typings for lib/sasl.js
import sasl from 'rhea/lib/sasl.js'
import { PythonError, socketError } from './errors.js'
import type { BrokerUrl } from './url.js'

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

function saslMechanisms(opts: ConnectOptions): unknown {
  const mechs = sasl.client_mechanisms()
  const { user, password } = opts.url
  const wanted = opts.saslMechanism?.toUpperCase()
  if ((!wanted || wanted === 'PLAIN') && user && password !== undefined) mechs.enable_plain(user, password)
  if (!wanted || wanted === 'ANONYMOUS') mechs.enable_anonymous(user ?? 'anonymous')
  if (wanted === 'EXTERNAL') mechs.enable_external()
  if (wanted && !['PLAIN', 'ANONYMOUS', 'EXTERNAL'].includes(wanted)) {
    throw new PythonError('ConnectError', `SASL mechanism ${opts.saslMechanism} is not supported by this client`)
  }
  return mechs
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
  const options: ConnectionOptions = {
    host: opts.url.host,
    port: opts.url.port,
    reconnect: false,
    // Nagle would hold each small frame written back to back (header, open, begin, attaches)
    // until the previous one is acknowledged; rhea only turns it off when a receiver attaches.
    tcp_no_delay: true,
    properties,
    idle_time_out: opts.heartbeatMs,
    sasl_mechanisms: saslMechanisms(opts),
    ...(opts.url.scheme === 'amqps' ? { transport: 'tls' } : {}),
  } as ConnectionOptions

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
