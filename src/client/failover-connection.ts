// A connection that stays up across broker failures: it walks the address list until a broker
// opens (HA backups drop the socket after SASL, so they are skipped like dead ones), backs off
// between passes, gives up after the reconnect timeout, and detects a hung broker by heartbeat.
// Every attempt is a fresh rhea connection with rhea's own reconnect off, so the links of a dead
// broker can never resurface; senders and receivers re-attach through `onConnection`.
import { EventEmitter } from 'node:events'
import type { Connection } from 'rhea'
import { openConnection } from '../protocol/connection.js'
import { PythonError } from '../protocol/errors.js'
import { type BrokerUrl, hostPort } from '../protocol/url.js'
import { Backoff } from './backoff.js'
import { ClientError, describeAmqpError } from './errors.js'
import { type FailoverOptions, type ResolvedFailoverOptions, resolveOptions } from './options.js'
import { watchSilence } from './silence-watchdog.js'

export interface ConnectedEvent {
  /** `host:port` of the broker now in use. */
  address: string
  /** False for the first connection, true after a failover. */
  reconnect: boolean
  /** Milliseconds without a connection before this one (0 for the first). */
  downtimeMs: number
}

export interface DisconnectedEvent {
  address: string
  reason: string
}

export interface AttemptFailedEvent {
  address: string
  reason: string
}

interface Events {
  connected: [ConnectedEvent]
  disconnected: [DisconnectedEvent]
  'attempt-failed': [AttemptFailedEvent]
  /** Terminal: the reconnect timeout passed or authentication failed. */
  failed: [ClientError]
  /** Terminal: close() was called. */
  closed: []
}

/** Called with each new rhea connection; `isCurrent()` turns false once that connection is lost. */
export type ConnectionUser = (conn: Connection, isCurrent: () => boolean) => void

const SASL_MECHANISMS = ['PLAIN', 'ANONYMOUS', 'EXTERNAL']
const CLOSE_DEADLINE_MS = 1000

export class FailoverConnection extends EventEmitter<Events> {
  readonly options: ResolvedFailoverOptions
  private conn?: Connection
  private address = ''
  private generation = 0
  private stopWatch?: () => void
  private users: ConnectionUser[] = []
  private closing = false
  private cancelDelay?: () => void
  private connectedOnce = false
  private lostAt = 0
  private opening?: Promise<void>

  constructor(options: FailoverOptions) {
    super()
    this.options = resolveOptions(options)
    if (!(this.options.connectTimeoutMs > 0)) throw new ClientError('usage', 'the connect timeout must be positive')
    const mech = this.options.saslMechanism?.toUpperCase()
    if (mech && !SASL_MECHANISMS.includes(mech)) {
      throw new ClientError('usage', `SASL mechanism ${this.options.saslMechanism} is not supported by this client`)
    }
  }

  /** `host:port` of the current broker, or undefined while failing over. */
  get currentAddress(): string | undefined {
    return this.conn ? this.address : undefined
  }

  /** Connects to the first broker that accepts; rejects when the reconnect timeout passes first. */
  open(): Promise<void> {
    this.opening ??= this.connect()
    return this.opening
  }

  /** Registers a link owner: called now if connected, and again after every failover. */
  onConnection(user: ConnectionUser): void {
    this.users.push(user)
    if (this.conn) this.handOut(this.conn, [user])
  }

  /** Ends the current connection and fails over, e.g. when the broker detached a link for no reason. */
  failover(reason: string): void {
    if (this.conn) this.lost(reason)
  }

  /** Closes politely, but never waits more than a second for the broker's reply. */
  async close(): Promise<void> {
    if (this.closing) return
    this.closing = true
    this.cancelDelay?.()
    this.emit('closed')
    const conn = this.conn
    if (!conn) return
    this.generation++
    this.stopWatch?.()
    this.conn = undefined
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer)
        conn.socket?.destroy?.(new Error('closed'))
        resolve()
      }
      const timer = setTimeout(done, CLOSE_DEADLINE_MS)
      conn.once('connection_close', done)
      conn.once('disconnected', done)
      conn.close()
    })
  }

  private async connect(): Promise<void> {
    const o = this.options
    const started = performance.now()
    const deadline = o.reconnectTimeoutMs > 0 ? started + o.reconnectTimeoutMs : Number.POSITIVE_INFINITY
    const backoff = new Backoff(o.reconnectIntervalMinMs, o.reconnectIntervalMaxMs)
    let lastReason = 'no broker reachable'
    while (!this.closing) {
      for (const url of o.urls) {
        const left = deadline - performance.now()
        if (this.closing) break
        if (left <= 0) return this.fail(new ClientError('connect', `reconnect timeout: ${lastReason}`))
        try {
          const conn = await this.attempt(url, Math.min(o.connectTimeoutMs, left))
          if (this.closing) {
            conn.socket?.destroy?.(new Error('closed'))
            break
          }
          return this.adopt(conn, url)
        } catch (err) {
          if (err instanceof PythonError && err.pythonClass === 'AuthenticationFailure') {
            return this.fail(new ClientError('auth', `${hostPort(url)}: authentication failed: ${err.message}`))
          }
          lastReason = `${hostPort(url)}: ${(err as Error).message}`
          this.emit('attempt-failed', { address: hostPort(url), reason: (err as Error).message })
        }
      }
      if (this.closing) break
      await this.delay(Math.min(backoff.next(), Math.max(0, deadline - performance.now())))
    }
    throw new ClientError('closed', 'connection closed')
  }

  private attempt(url: BrokerUrl, timeoutMs: number): Promise<Connection> {
    const o = this.options
    return openConnection({
      url,
      timeoutMs,
      saslMechanism: o.saslMechanism,
      clientProcess: o.clientProcess,
      // AMQP peers send a frame every idle-time-out/2: advertise twice the heartbeat so the
      // broker sends one per heartbeat, and the watchdog allows two heartbeats of silence.
      heartbeatMs: o.heartbeatMs > 0 ? 2 * o.heartbeatMs : undefined,
    })
  }

  private adopt(conn: Connection, url: BrokerUrl): void {
    const gen = ++this.generation
    this.conn = conn
    this.address = hostPort(url)
    // Confirmations are small frames; Nagle's algorithm would hold each one back ~40 ms.
    ;(conn.socket as { setNoDelay?: (on: boolean) => void } | undefined)?.setNoDelay?.(true)
    const lost = (reason: string) => {
      if (gen === this.generation) this.lost(reason)
    }
    conn.on('disconnected', (ctx) => lost((ctx as { error?: Error }).error?.message ?? 'connection lost'))
    conn.on('connection_close', () => lost(`closed by broker: ${describeAmqpError(conn.error, 'no error')}`))
    if (this.options.heartbeatMs > 0 && conn.socket) {
      const limit = 2 * this.options.heartbeatMs
      this.stopWatch = watchSilence(conn.socket as never, limit, () => lost(`no heartbeat for ${limit} ms`))
    }
    const downtimeMs = this.connectedOnce ? performance.now() - this.lostAt : 0
    const reconnect = this.connectedOnce
    this.connectedOnce = true
    this.handOut(conn)
    this.emit('connected', { address: this.address, reconnect, downtimeMs })
  }

  private handOut(conn: Connection, users = this.users): void {
    const gen = this.generation
    const isCurrent = () => gen === this.generation && this.conn === conn
    for (const user of users) user(conn, isCurrent)
  }

  private lost(reason: string): void {
    const conn = this.conn!
    this.generation++
    this.stopWatch?.()
    this.stopWatch = undefined
    this.conn = undefined
    this.lostAt = performance.now()
    // A hung broker never answers a close: drop the socket. Destroying it with an error runs
    // rhea's disconnect path, which clears its heartbeat timers.
    conn.socket?.destroy?.(new Error(reason))
    this.emit('disconnected', { address: this.address, reason })
    if (this.closing) return
    this.opening = this.connect()
    // Failures after the first connection are reported through the 'failed' event.
    this.opening.catch(() => {})
  }

  private fail(err: ClientError): never {
    this.emit('failed', err)
    throw err
  }

  private delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(finish, ms)
      function finish() {
        clearTimeout(timer)
        resolve()
      }
      this.cancelDelay = finish
    })
  }
}
