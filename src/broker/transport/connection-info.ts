// Per-connection and per-session state the broker keeps beside rhea's objects: identity, open
// properties, counters for QMF (connection/session objects) and the consumers to clean up.
import type { OutgoingConsumer } from './consumer.js'

export class ConnectionInfo {
  /** `qpid.<local addr:port>-<remote addr:port>`, the QMF `address` as qpidd names it (golden 71). */
  readonly address: string
  readonly createdAt = Date.now()
  /** Last time a statistic changed (QMF `_update_ts`, qpid-stat idle time). */
  updatedAt = Date.now()
  authIdentity = 'anonymous'
  saslMechanism = ''
  containerId = ''
  remoteProperties: Record<string, unknown> = {}
  msgsFromClient = 0
  msgsToClient = 0
  framesFromClient = 0
  framesToClient = 0
  closing = false
  /** Closes the AMQP connection (QMF connection.close). */
  close?: () => void
  readonly sessions = new Map<number, SessionInfo>()
  readonly consumers = new Set<OutgoingConsumer>()
  /** Queues this connection owns (dynamic nodes, exchange subscriptions); deleted when it closes. */
  readonly ownedQueues = new Set<string>()

  constructor(
    localAddress: string,
    remoteAddress: string,
    readonly socketBytes: () => { read: number; written: number },
  ) {
    this.address = `qpid.${localAddress}-${remoteAddress}`
  }

  get remoteProcessName(): string | undefined {
    const v = this.remoteProperties['qpid.client_process']
    return v === undefined ? undefined : String(v)
  }
  get remotePid(): number | undefined {
    const v = Number(this.remoteProperties['qpid.client_pid'])
    return Number.isInteger(v) && v >= 0 ? v : undefined
  }
  get remoteParentPid(): number | undefined {
    const v = Number(this.remoteProperties['qpid.client_ppid'])
    return Number.isInteger(v) && v >= 0 ? v : undefined
  }

  touch(): void {
    this.updatedAt = Date.now()
  }
}

export class SessionInfo {
  readonly createdAt = Date.now()
  constructor(
    readonly connection: ConnectionInfo,
    readonly channel: number,
  ) {}
  /** Session names are unique per broker: connection address plus channel. */
  get name(): string {
    return `${this.connection.address}/${this.channel}`
  }
  unacked(): number {
    let n = 0
    for (const c of this.connection.consumers) if (c.session === this) n += c.unackedCount
    return n
  }
  /** AMQP 1.0 counterpart of a 0-10 session's client credit: unused credit of its consumers. */
  credit(): number {
    let n = 0
    for (const c of this.connection.consumers) if (c.session === this) n += c.remainingCredit
    return n
  }
}
