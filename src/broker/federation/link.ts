// A federation link (qmf.md §6.8): an outgoing AMQP connection from this broker to a remote one,
// with qpidd's states. A new link connects at once (Connecting); once open it is Operational and
// starts its bridges. A lost or refused connection puts it back to Waiting with lastError, and
// the maintenance visit (every --link-maintenance-interval) reconnects with back-off (1, 2, 4 ...
// 16 visits), as qpidd does. A refusal that retrying cannot cure (authentication, an unsupported
// SASL mechanism) makes it Failed, which is final.
import type { Connection, Container, EventContext } from 'rhea'
import type { Broker } from '../broker.js'
import type { Bridge } from './bridge.js'
import { type LinkEndpoint, openLinkConnection, refusal } from './link-connection.js'
import { RemoteBroker } from './remote-broker.js'

export type LinkState = 'Waiting' | 'Connecting' | 'Operational' | 'Failed' | 'Closed'

export interface LinkConfig extends LinkEndpoint {
  name: string
  transport: string
  durable: boolean
}

export interface LinkEnv {
  broker: Broker
  container: Container
  /** AMQP idle time-out asked of the remote broker, so a hung one is noticed. */
  heartbeatMs: number
  /** Deadline for TCP connect, SASL and open. */
  connectTimeoutMs: number
}

const MAX_INTERVAL = 16

export class FederationLink {
  state: LinkState = 'Waiting'
  lastError = ''
  readonly createdAt = Date.now()
  updatedAt = Date.now()
  readonly bridges = new Map<string, Bridge>()
  private connection?: Connection
  private remote?: RemoteBroker
  private visits = 0
  private interval = 1

  constructor(
    readonly cfg: LinkConfig,
    private readonly env: LinkEnv,
  ) {
    this.connect()
  }

  get name(): string {
    return this.cfg.name
  }

  /** Called every --link-maintenance-interval. */
  maintenanceVisit(): void {
    if (this.state === 'Waiting' && ++this.visits >= this.interval) {
      this.visits = 0
      this.interval = Math.min(this.interval * 2, MAX_INTERVAL)
      this.connect()
    } else if (this.state === 'Operational') {
      // bridges whose remote end refused them (e.g. queue not there yet) try again
      for (const b of this.bridges.values()) if (!b.active) this.startBridge(b)
    }
  }

  addBridge(bridge: Bridge): void {
    this.bridges.set(bridge.name, bridge)
    this.touch()
    if (this.state === 'Operational') this.startBridge(bridge)
  }

  removeBridge(bridge: Bridge): void {
    this.bridges.delete(bridge.name)
    bridge.close()
    this.touch()
  }

  /** Management close: bridges go, the connection closes, the link is gone. */
  close(): void {
    for (const b of [...this.bridges.values()]) this.removeBridge(b)
    this.setState('Closed')
    const conn = this.connection
    this.dropConnection('closed by management')
    conn?.close()
  }

  private connect(): void {
    const refused = refusal(this.cfg)
    if (refused) {
      this.fail(refused)
      return
    }
    this.setState('Connecting')
    const conn = openLinkConnection(this.env.container, this.cfg, this.env.heartbeatMs)
    this.connection = conn
    const timer = setTimeout(() => {
      if (this.connection !== conn || this.state !== 'Connecting') return
      this.lost(conn, 'connection timed out')
      conn.close()
      ;(conn as unknown as { socket?: { destroy(): void } }).socket?.destroy()
    }, this.env.connectTimeoutMs)
    timer.unref()
    conn.on('connection_open', () => {
      clearTimeout(timer)
      if (this.connection !== conn) return
      this.setState('Operational')
      this.visits = 0
      this.interval = 1
      this.env.broker.log.info('Broker', `Inter-broker link established to ${this.cfg.host}:${this.cfg.port}`)
      this.remote = new RemoteBroker(conn)
      for (const b of this.bridges.values()) this.startBridge(b)
    })
    conn.on('connection_error', (ctx: EventContext) => {
      // SASL failures arrive as the context's transport error, remote closes as the connection's error
      const e = ((ctx as { error?: unknown }).error ?? ctx.connection.error) as
        | { condition?: string; description?: string }
        | undefined
      const text = e?.description ?? e?.condition ?? 'connection refused by the remote broker'
      if (e?.condition === 'amqp:unauthorized-access') this.fail(text)
      else this.lost(conn, text)
    })
    conn.on('disconnected', (ctx: EventContext) => {
      clearTimeout(timer)
      const err = (ctx as { error?: NodeJS.ErrnoException }).error
      this.lost(conn, err ? socketText(err) : 'connection closed by the remote broker')
    })
    // rhea raises 'error' for protocol failures it cannot attribute; the events above cover them.
    conn.on('error', () => {})
  }

  private startBridge(bridge: Bridge): void {
    if (!this.connection || !this.remote) return
    try {
      bridge.start(this.connection, this.remote)
    } catch (e) {
      this.env.broker.log.warning('Broker', `Bridge ${bridge.name} failed to start: ${(e as Error).message}`)
    }
  }

  /** The connection ended or failed: bridges stop, the link waits for the next attempt. */
  private lost(conn: Connection, text: string): void {
    if (this.connection !== conn) return
    this.dropConnection(text)
    if (this.state === 'Closed' || this.state === 'Failed') return
    if (this.state === 'Operational') {
      this.env.broker.log.info(
        'Broker',
        `Inter-broker link disconnected from ${this.cfg.host}:${this.cfg.port} ${text}`,
      )
    }
    this.lastError = text
    this.setState('Waiting')
  }

  private fail(text: string): void {
    const conn = this.connection
    this.dropConnection(text)
    conn?.close()
    this.lastError = text
    this.setState('Failed')
    this.env.broker.log.warning('Broker', `Inter-broker link to ${this.cfg.host}:${this.cfg.port} failed: ${text}`)
  }

  private dropConnection(reason: string): void {
    this.remote?.abort(reason)
    this.remote = undefined
    this.connection = undefined
    for (const b of this.bridges.values()) b.stop()
  }

  private setState(state: LinkState): void {
    this.state = state
    this.touch()
  }

  private touch(): void {
    this.updatedAt = Date.now()
  }
}

function socketText(err: NodeJS.ErrnoException): string {
  if (err.code === 'ECONNREFUSED') return 'Connection refused'
  if (err.code === 'ECONNRESET') return 'Connection reset by peer'
  return err.message
}
