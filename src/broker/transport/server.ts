// The AMQP 1.0 listener: one rhea container in server mode. Every rhea event handler is guarded:
// a failure while handling one peer's input closes at most that link or connection and is logged,
// never thrown into rhea (which would end up in an unhandled 'error' event and kill the process).

import type { AddressInfo, Server, Socket } from 'node:net'
import { hostname } from 'node:os'
import rhea from 'rhea'
import type { Broker } from '../broker.js'
import { VERSION } from '../broker.js'
import type { Queue } from '../nodes/queue.js'
import { ConnectionInfo, SessionInfo } from './connection-info.js'
import type { OutgoingConsumer, RheaDelivery } from './consumer.js'
import { GateChain } from './gate.js'
import type { ListenAddresses } from './interfaces.js'
import { attachIncoming, attachOutgoing, onMessage } from './links.js'
import { installRheaPatches, quietContainerDispatch } from './rhea/index.js'
import { checkPlain } from './sasl.js'

type Any = any

export interface ServerOptions {
  listen: ListenAddresses
  port: number
  auth: boolean
  realm: string
  users: Map<string, string>
}

export class AmqpServer {
  readonly gates = new GateChain()
  /** Modules claim links to reserved addresses (HA replication) before normal attach handling. */
  readonly senderHooks: Array<(sender: Any, info: ConnectionInfo) => boolean> = []
  readonly connections = new Set<ConnectionInfo>()
  readonly containerId = rhea.generate_uuid()
  private readonly container: Any
  private readonly servers: Server[] = []
  private readonly sockets = new Set<Socket>()

  constructor(
    private readonly broker: Broker,
    private readonly opts: ServerOptions,
  ) {
    installRheaPatches()
    this.container = rhea.create_container({ id: this.containerId, autoaccept: false })
    quietContainerDispatch(this.container)
    this.setupSasl()
    this.setupHandlers()
    broker.hooks.detachConsumers = (q) => this.detachConsumers(q)
  }

  /** The addresses the broker listens on (HA recognises its own entry of a brokers URL by them). */
  get listenAddresses(): ListenAddresses {
    return this.opts.listen
  }

  /**
   * Listens on every address of `opts.listen` (or the wildcard), all on one port: the first
   * listener binds `opts.port` (0: a free port), the others the port it got. Resolves with it.
   */
  async listen(): Promise<number> {
    const hosts = this.opts.listen.wildcard ? [undefined] : this.opts.listen.addresses
    let port = this.opts.port
    for (const host of hosts) port = await this.listenOn(host, port)
    return port
  }

  private listenOn(host: string | undefined, port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const server: Server = this.container.listen({
        host,
        port,
        container_id: this.containerId,
        properties: { product: 'qpid-cpp', version: VERSION, platform: 'Linux', host: hostname() },
        offered_capabilities: ['ANONYMOUS-RELAY'],
        channel_max: 0x7fff,
        // credit is managed per settlement (credit.ts); rhea's arrival-driven window is off
        credit_window: 0,
        // room for a credit window of unsettled deliveries per link, several links per session
        session_buffer_size: 16384,
        autoaccept: false,
        require_sasl: this.opts.auth,
      })
      this.servers.push(server)
      server.on('connection', (s: Socket) => {
        this.sockets.add(s)
        s.setNoDelay(true)
        s.on('close', () => this.sockets.delete(s))
        s.on('error', () => {})
      })
      server.once('error', reject)
      server.once('listening', () => resolve((server.address() as AddressInfo).port))
    })
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy()
    await Promise.all(this.servers.map((server) => new Promise<void>((r) => server.close(() => r()))))
  }

  private setupSasl(): void {
    const mechs = this.container.sasl_server_mechanisms
    const { auth, users, realm } = this.opts
    if (!auth) mechs.enable_anonymous()
    mechs.enable_plain((user: string, password: string) => !auth || checkPlain(users, user, password, realm))
    // remember which mechanism a connection used (QMF saslMechanism)
    for (const name of Object.keys(mechs)) {
      const factory = mechs[name]
      if (typeof factory !== 'function') continue
      mechs[name] = () => {
        const m = factory()
        m.mechanismName = name
        return m
      }
    }
  }

  private info(conn: Any): ConnectionInfo | undefined {
    return conn.__qpid as ConnectionInfo | undefined
  }

  private sessionInfo(conn: ConnectionInfo, session: Any): SessionInfo {
    let s = session.__qpid as SessionInfo | undefined
    if (!s) {
      s = new SessionInfo(conn, session.local?.channel ?? 0)
      session.__qpid = s
      conn.sessions.set(s.channel, s)
    }
    return s
  }

  private guard(what: string, fn: (ctx: Any) => void): (ctx: Any) => void {
    return (ctx: Any) => {
      try {
        fn(ctx)
      } catch (e) {
        this.broker.log.error('Protocol', `Error handling ${what}: ${(e as Error).message}`)
        try {
          const link = ctx?.sender ?? ctx?.receiver
          if (link && what !== 'connection_open')
            link.close({ condition: 'amqp:internal-error', description: String((e as Error).message) })
          else ctx?.connection?.close({ condition: 'amqp:internal-error', description: String((e as Error).message) })
        } catch {
          ctx?.connection?.socket?.destroy()
        }
      }
    }
  }

  private setupHandlers(): void {
    const c = this.container
    const log = this.broker.log
    c.on(
      'connection_open',
      this.guard('connection_open', (ctx) => this.onOpen(ctx.connection)),
    )
    c.on(
      'session_open',
      this.guard('session_open', (ctx) => {
        const info = this.info(ctx.connection)
        if (info) this.sessionInfo(info, ctx.session)
      }),
    )
    c.on(
      'receiver_open',
      this.guard('receiver_open', (ctx) => attachIncoming(this.broker, ctx.receiver)),
    )
    c.on(
      'sender_open',
      this.guard('sender_open', (ctx) => {
        const info = this.info(ctx.connection)
        if (!info) return
        if (this.senderHooks.some((h) => h(ctx.sender, info))) return
        attachOutgoing(this.broker, info, this.sessionInfo(info, ctx.session), ctx.sender)
      }),
    )
    c.on(
      'message',
      this.guard('message', (ctx) => {
        const info = this.info(ctx.connection)
        if (!info) return
        if (!ctx.message || !Buffer.isBuffer(ctx.message.bytes)) {
          ctx.delivery.reject({ condition: 'amqp:not-implemented', description: 'Unsupported message format' })
          return
        }
        onMessage(this.broker, info, ctx.receiver, ctx.message, ctx.delivery)
      }),
    )
    c.on(
      'sendable',
      this.guard('sendable', (ctx) => (ctx.sender.consumer as OutgoingConsumer | undefined)?.queue.dispatch()),
    )
    c.on(
      'sender_draining',
      this.guard('sender_draining', (ctx) => {
        const consumer = ctx.sender.consumer as OutgoingConsumer | undefined
        if (!consumer) return
        consumer.queue.dispatch()
        consumer.drain()
      }),
    )
    for (const kind of ['accepted', 'released', 'rejected', 'modified'] as const) {
      c.on(
        kind,
        this.guard(kind, (ctx) => {
          const d: RheaDelivery & Any = ctx.delivery
          const consumer = ctx.sender?.consumer as OutgoingConsumer | undefined
          if (!consumer) return
          const failed = kind === 'modified' && !!d.remote_state?.delivery_failed
          consumer.outcome(d, kind, failed)
          if (!d.settled) d.update(true)
          consumer.settledSome()
        }),
      )
    }
    c.on(
      'settled',
      this.guard('settled', (ctx) => {
        // settled by the client without an outcome: treated as consumed (as qpidd does)
        const d = ctx.delivery
        const consumer = ctx.sender?.consumer as OutgoingConsumer | undefined
        if (consumer && d.qm) consumer.outcome(d, 'accepted')
        consumer?.settledSome()
      }),
    )
    const linkClosed = (ctx: Any) => {
      const link = ctx.sender ?? ctx.receiver
      const consumer = link?.consumer as OutgoingConsumer | undefined
      if (!consumer) return
      const info = this.info(ctx.connection)
      this.afterPendingOutcomes(() => {
        consumer.close()
        info?.consumers.delete(consumer)
      })
    }
    c.on('sender_close', this.guard('sender_close', linkClosed))
    c.on('sender_error', this.guard('sender_error', linkClosed))
    c.on('receiver_close', () => {})
    c.on('receiver_error', () => {})
    c.on(
      'session_close',
      this.guard('session_close', (ctx) => {
        const info = this.info(ctx.connection)
        const s = ctx.session.__qpid as SessionInfo | undefined
        if (!info || !s) return
        info.sessions.delete(s.channel)
        this.afterPendingOutcomes(() => {
          for (const consumer of [...info.consumers]) {
            if (consumer.session !== s) continue
            consumer.close()
            info.consumers.delete(consumer)
          }
        })
      }),
    )
    c.on('session_error', () => {})
    const gone = (ctx: Any) => this.onGone(ctx.connection)
    c.on('connection_close', this.guard('connection_close', gone))
    c.on('connection_error', this.guard('connection_error', gone))
    c.on('disconnected', this.guard('disconnected', gone))
    c.on('protocol_error', (e: Any) =>
      log.warning('Protocol', `Connection closed on protocol error: ${e?.message ?? e}`),
    )
    c.on('error', (e: Any) => log.warning('Protocol', `Connection error: ${e?.message ?? e}`))
  }

  private onOpen(conn: Any): void {
    const socket: Socket = conn.socket
    const local = `${socket.localAddress}:${socket.localPort}`
    const remote = `${socket.remoteAddress}:${socket.remotePort}`
    const info = new ConnectionInfo(local, remote, () => ({ read: socket.bytesRead, written: socket.bytesWritten }))
    // With a listener that also takes plain AMQP, rhea's SASL server sits under `selected`.
    const mech = conn.sasl_transport?.mechanism ?? conn.sasl_transport?.selected?.mechanism
    // ANONYMOUS carries an arbitrary trace string, not a user: qpidd reports `anonymous`.
    const user = mech?.mechanismName !== 'ANONYMOUS' && mech?.username ? mech.username : 'anonymous'
    info.authIdentity = this.opts.auth && mech?.mechanismName === 'PLAIN' ? qualify(user, this.opts.realm) : user
    info.saslMechanism = mech?.mechanismName ?? ''
    info.containerId = String(conn.remote.open?.container_id ?? '')
    info.remoteProperties = stringKeys(conn.remote.open?.properties)
    const decision = this.gates.decide({
      properties: info.remoteProperties,
      containerId: info.containerId,
      user: info.authIdentity,
      address: info.address,
      setIdleTimeout: (ms) => {
        conn.local.open.idle_time_out = ms
      },
    })
    if (decision === 'drop') {
      this.broker.log.info('Network', `Connection refused by gate: ${info.address}`)
      // with an error, so rhea runs its disconnect path and stops this connection's heartbeat timer
      // (a plain destroy left one timer firing per refused client, forever)
      socket.destroy(new Error('refused by the connection gate'))
      return
    }
    conn.__qpid = info
    info.close = () => conn.close()
    this.connections.add(info)
    this.broker.log.info('Network', `Accepted connection ${info.address} (${info.authIdentity})`)
  }

  private onGone(conn: Any): void {
    const info = this.info(conn)
    if (!info || !this.connections.has(info)) return
    info.closing = true
    this.connections.delete(info)
    this.afterPendingOutcomes(() => {
      for (const consumer of info.consumers) consumer.close()
      info.consumers.clear()
      for (const name of info.ownedQueues) {
        const q = this.broker.queues.get(name)
        if (q && q.owner === info.address) this.broker.destroyQueue(q)
      }
    })
    this.broker.log.info('Network', `Connection closed ${info.address}`)
  }

  /**
   * rhea applies a received disposition on its next tick but reports a detach/close at once; a
   * client that accepts and then detaches in one write would otherwise see its accepted message
   * released and redelivered. Consumer clean-up therefore runs after rhea's pending work.
   */
  private afterPendingOutcomes(fn: () => void): void {
    setImmediate(() => {
      try {
        fn()
      } catch (e) {
        this.broker.log.error('Broker', `Error cleaning up a consumer: ${(e as Error).message}`)
      }
    })
  }

  private detachConsumers(q: Queue): void {
    for (const info of this.connections) {
      for (const consumer of [...info.consumers]) {
        if (consumer.queue !== q) continue
        consumer.close()
        info.consumers.delete(consumer)
        try {
          ;(consumer.sender as Any).close({
            condition: 'amqp:resource-deleted',
            description: `Queue deleted: ${q.name}`,
          })
        } catch {
          // connection already gone
        }
      }
    }
  }
}

function qualify(user: string, realm: string): string {
  return user.includes('@') ? user : `${user}@${realm}`
}

function stringKeys(m: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  if (m && typeof m === 'object') for (const [k, v] of Object.entries(m)) out[String(k)] = v
  return out
}
