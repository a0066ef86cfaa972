// The HA module of qpidd-ref: holds the broker's HA status and membership, admits or refuses
// connections (ha.md §4), stamps replication levels on a primary (§6.2), routes replication links
// to the primary role, runs the backup role, implements promotion (§5) and the methods of the
// habroker management object (whose QMF class is habroker-class.ts).

import { randomUUID } from 'node:crypto'
import { PythonError } from '../../protocol/errors.js'
import { hostPort, parseQpidUrl, type QpidUrl, qpidUrlText } from '../../protocol/url.js'
import type { Broker } from '../broker.js'
import type { ExchangeDeclaration, QueueDeclaration } from '../declarations.js'
import { BrokerError, notFound } from '../errors.js'
import type { ManagementRegistry } from '../management/registry.js'
import { QmfError } from '../management/registry.js'
import type { Queue } from '../nodes/queue.js'
import type { AdmissionDecision, AdmissionRequest } from '../transport/gate.js'
import type { AmqpServer } from '../transport/server.js'
import { admit } from './admission.js'
import { BackupRole } from './backup.js'
import { BrokerLink } from './broker-link.js'
import { bindingDecl, exchangeDecl, isReplicatedBinding, queueDecl } from './config-stream.js'
import { ConfirmationTracker } from './confirmation.js'
import { ReplicationEndpoints } from './endpoints.js'
import { installFailoverExchange } from './failover-exchange.js'
import { HaQueue } from './ha-queue.js'
import { habrokerClass } from './habroker-class.js'
import {
  exchangeLevel,
  InvalidLevel,
  queueLevel,
  REPLICATE_ARG,
  type ReplicationLevel,
  stampedLevel,
  UUID_ARG,
} from './levels.js'
import { describe, Membership } from './membership.js'
import type { HaConfig } from './options.js'
import { PrimaryRole } from './primary.js'
import { QueueReplicator } from './queue-replicator.js'
import { SelfAddress } from './self-address.js'
import { isBackup, statusCode } from './status.js'
import { checkStatus } from './status-check.js'

/** qpidd's limit (0-10 channel limit minus 100), kept so the limit scenario behaves the same. */
export const MAX_REPLICATED_QUEUES = 65434

export class HaModule {
  readonly confirmation = new ConfirmationTracker()
  readonly haQueues = new Map<Queue, HaQueue>()
  readonly membership: Membership
  /** Recognises this member's own entry in a brokers URL. */
  private readonly self: SelfAddress
  private brokersUrl?: QpidUrl
  private publicUrl?: QpidUrl
  private primary?: PrimaryRole
  private backup?: BackupRole
  private readonly replicaLinks: BrokerLink[] = []
  private replicatedQueues = 0
  private updatedAt = Date.now()
  /** Re-sends the client-facing URL to queues bound to amq.failover (cluster mode only). */
  private readonly announceUrl: () => void = () => {}

  constructor(
    private readonly broker: Broker,
    server: AmqpServer,
    private readonly cfg: HaConfig,
  ) {
    this.brokersUrl = cfg.brokersUrl
    this.publicUrl = cfg.publicUrl
    this.self = new SelfAddress(server.listenAddresses, () => broker.port)
    this.membership = new Membership({
      systemId: broker.systemId,
      protocol: 'tcp',
      hostName: this.self.hostName,
      port: broker.port,
      status: 'standalone',
    })
    this.membership.onChange = () => this.membersChanged()
    this.membership.onIllegal = (e) => this.fatal(e.message)
    this.membership.onStatus = (from, to) => {
      this.broker.log.info('HA', `${broker.systemId.slice(0, 8)}(${from}) Status change: ${from} -> ${to}`)
      if (to === 'ready') this.log('notice', 'Backup is ready')
    }
    broker.hooks.confirmation = this.confirmation
    // backups never auto-delete replicas: the primary decides (ha.md §5.4)
    broker.hooks.keepAutoDelete = (q) => isBackup(this.membership.status) && stampedLevel(q.arguments) !== 'none'
    broker.hooks.add({
      enqueued: (q, m) => this.haQueues.get(q)?.onEnqueued(m),
      dequeued: (q, m) => this.haQueues.get(q)?.onDequeued(m),
      declaringQueue: (d) => this.stampQueue(d),
      declaringExchange: (d) => this.stampExchange(d),
      queueDeclared: (q) => this.queueDeclared(q),
      queueDeleted: (q) => this.queueDeleted(q),
      exchangeDeclared: (e) =>
        this.onPrimary(() =>
          this.broadcastIfReplicated(e.arguments, { type: 'exchange-declare', exchange: exchangeDecl(e) }),
        ),
      exchangeDeleted: (e) =>
        this.onPrimary(() => this.broadcastIfReplicated(e.arguments, { type: 'exchange-delete', name: e.name })),
      bound: (b) =>
        this.onPrimary(
          () => isReplicatedBinding(b) && this.primary?.broadcast({ type: 'bind', binding: bindingDecl(b) }),
        ),
      unbound: (b) =>
        this.onPrimary(
          () => isReplicatedBinding(b) && this.primary?.broadcast({ type: 'unbind', binding: bindingDecl(b) }),
        ),
    })
    server.gates.add((req) => this.admit(req))
    const endpoints = new ReplicationEndpoints({
      broker,
      replicateDefault: cfg.replicateDefault,
      haQueues: this.haQueues,
      confirmation: this.confirmation,
      membership: this.membership,
      primary: () => this.primary,
    })
    server.senderHooks.push((sender, info) => endpoints.claim(sender, info))
    this.log('info', 'Starting HA broker')
    if (cfg.cluster) {
      this.announceUrl = installFailoverExchange(
        broker,
        () => qpidUrlText(this.publicUrl) || qpidUrlText(this.brokersUrl),
      )
      this.membership.setStatus('joining')
    }
  }

  /** Starts the role: a cluster member starts joining and looks for a primary. */
  start(): void {
    this.membership.self.port = this.broker.port
    if (!this.cfg.cluster) return
    this.log('info', `Brokers URL set to: ${qpidUrlText(this.brokersUrl)}`)
    this.log('info', `Connecting to cluster: ${qpidUrlText(this.brokersUrl)}`)
    this.log('info', `Set self address to: tcp:${hostPort({ host: this.self.hostName, port: this.broker.port })}`)
    this.backup = this.newBackup()
    this.backup.start()
  }

  registerManagement(registry: ManagementRegistry): void {
    registry.register(
      habrokerClass({
        status: () => this.membership.status,
        brokersUrl: () => qpidUrlText(this.brokersUrl),
        publicUrl: () => qpidUrlText(this.publicUrl),
        replicateDefault: () => this.cfg.replicateDefault,
        members: () => this.membership.records(),
        systemId: () => this.broker.systemId,
        updatedAt: () => this.updatedAt,
        promote: () => this.promote(),
        setBrokersUrl: (u) => {
          this.brokersUrl = this.parseUrl(u)
          this.log('info', `Brokers URL set to: ${qpidUrlText(this.brokersUrl)}`)
          this.announceUrl()
        },
        setPublicUrl: (u) => {
          this.publicUrl = this.parseUrl(u)
          this.log('info', `Public URL set to: ${qpidUrlText(this.publicUrl)}`)
          this.announceUrl()
        },
        replicate: (broker, queue) => this.replicate(broker, queue),
      }),
    )
  }

  stop(): void {
    this.backup?.stop()
    this.primary?.stop()
    for (const l of this.replicaLinks) l.stop()
  }

  // ---- admission (ha.md §4.1) and the serving side of replication links -------------------------

  private admit(req: AdmissionRequest): AdmissionDecision {
    return admit(req, {
      systemId: this.broker.systemId,
      status: this.membership.status,
      heartbeatMs: this.cfg.linkHeartbeatMs,
    })
  }

  // ---- configuration events (stamping on a primary, ha.md §6.2) -----------------------------------

  private get isClusterPrimary(): boolean {
    return this.cfg.cluster && (this.membership.status === 'recovering' || this.membership.status === 'active')
  }

  private onPrimary(fn: () => unknown): void {
    if (this.isClusterPrimary) fn()
  }

  private broadcastIfReplicated(args: Record<string, unknown>, ev: Parameters<PrimaryRole['broadcast']>[0]): void {
    if (stampedLevel(args) !== 'none') this.primary?.broadcast(ev)
  }

  /** A new queue on a primary gets its replication level before it exists, or is refused. */
  private stampQueue(d: QueueDeclaration): void {
    if (!this.isClusterPrimary) return
    const level = refuseInvalid(() => queueLevel(d, this.cfg.replicateDefault))
    if (level !== 'none' && this.replicatedQueues >= MAX_REPLICATED_QUEUES)
      throw new BrokerError('resource-limit-exceeded: Exceeded replicated queue limit', 'amqp:resource-limit-exceeded')
    stamp(d.arguments, level)
  }

  private queueDeclared(q: Queue): void {
    if (!this.isClusterPrimary) return
    const level = stampedLevel(q.arguments)
    if (level === 'none') return
    this.replicatedQueues++
    if (level === 'all') {
      const hq = new HaQueue(q, 'source', this.confirmation)
      this.haQueues.set(q, hq)
      this.primary?.queueCreated(hq)
    }
    this.primary?.broadcast({ type: 'queue-declare', queue: queueDecl(q) })
  }

  private queueDeleted(q: Queue): void {
    const hq = this.haQueues.get(q)
    if (hq) {
      hq.close()
      this.haQueues.delete(q)
    }
    if (!this.isClusterPrimary || stampedLevel(q.arguments) === 'none') return
    this.replicatedQueues--
    this.primary?.broadcast({ type: 'queue-delete', name: q.name })
    this.primary?.queueDeleted(q.name)
  }

  /** A new exchange on a primary gets its replication level before it exists, or is refused. */
  private stampExchange(d: ExchangeDeclaration): void {
    if (!this.isClusterPrimary) return
    stamp(
      d.arguments,
      refuseInvalid(() => exchangeLevel(d.arguments, this.cfg.replicateDefault)),
    )
  }

  private membersChanged(): void {
    this.updatedAt = Date.now()
    this.primary?.broadcast({ type: 'members', members: this.membership.records() })
    this.log('info', `Membership update: ${this.membership.list().map(describe).join(' ')} `)
  }

  // ---- promotion (ha.md §5) ------------------------------------------------------------------------

  async promote(): Promise<void> {
    const status = this.membership.status
    if (status === 'catchup') throw new QmfError(7, 'Still catching up, cannot be promoted.')
    if (!isBackup(status)) {
      this.log('info', 'Ignoring promotion, already primary')
      return
    }
    if (status === 'joining' && (await this.clusterEstablished())) {
      throw new QmfError(7, 'Joining active cluster, cannot be promoted.')
    }
    if (!isBackup(this.membership.status)) return // promoted meanwhile by a concurrent call
    this.recover()
  }

  /** Status checks: does any other broker of the URL report something other than joining? */
  private async clusterEstablished(): Promise<boolean> {
    const others = await this.self.others(this.brokersUrl?.addresses ?? [])
    const answers = await Promise.all(
      others.map((a) =>
        checkStatus(a, {
          info: this.selfInfo(),
          timeoutMs: Math.min(this.cfg.linkHeartbeatMs, 5000),
          user: this.cfg.username,
          password: this.cfg.password,
        }),
      ),
    )
    return answers.some((s) => s !== undefined && s !== '' && s !== 'joining')
  }

  private recover(): void {
    this.backup?.stop()
    this.backup = undefined
    const expected = this.membership.withStatus('ready')
    this.membership.clearOthers()
    this.membership.setStatus('recovering')
    this.log('notice', 'Promoted to primary')
    for (const hq of this.haQueues.values()) hq.becomeSource()
    // every fully replicated queue is a source now, also one whose replication never started here
    for (const q of this.broker.queues.values()) {
      if (stampedLevel(q.arguments) === 'all' && !this.haQueues.has(q)) {
        this.haQueues.set(q, new HaQueue(q, 'source', this.confirmation))
      }
    }
    this.replicatedQueues = [...this.broker.queues.values()].filter((q) => stampedLevel(q.arguments) !== 'none').length
    this.primary = new PrimaryRole({
      broker: this.broker,
      membership: this.membership,
      haQueues: this.haQueues,
      backupTimeoutMs: this.cfg.backupTimeoutMs,
      log: (level, text) => this.log(level, text),
    })
    this.primary.start(expected)
  }

  // ---- standalone queue replication (ha.md §10) ----------------------------------------------------

  private replicate(brokerUrl: string, queueName: string): void {
    const q = this.broker.queues.get(queueName)
    if (!q) throw notFound(`Queue not found: ${queueName}`)
    const url = this.parseUrl(brokerUrl)
    if (!url) throw new BrokerError(`Invalid URL: ${brokerUrl}`)
    let hq = this.haQueues.get(q)
    if (!hq) {
      hq = new HaQueue(q, 'replica', this.confirmation)
      this.haQueues.set(q, hq)
    }
    const replica = new QueueReplicator(this.broker, hq, this.cfg.flowMessages)
    const link = new BrokerLink({
      addresses: () => url.addresses,
      self: this.self,
      info: () => this.selfInfo(),
      user: url.user ?? this.cfg.username,
      password: url.password ?? this.cfg.password,
      heartbeatMs: this.cfg.linkHeartbeatMs,
      maintenanceMs: this.cfg.linkMaintenanceMs,
      log: this.broker.log,
      onOpen: (conn) => replica.subscribe(conn),
      onClose: () => replica.stop(),
    })
    this.replicaLinks.push(link)
    this.log('info', `Replicating queue ${queueName} from ${qpidUrlText(url)} (${link.name})`)
    link.start()
  }

  // ---- helpers ---------------------------------------------------------------------------------------

  private newBackup(): BackupRole {
    return new BackupRole({
      broker: this.broker,
      membership: this.membership,
      haQueues: this.haQueues,
      confirmation: this.confirmation,
      replicateDefault: this.cfg.replicateDefault,
      flowMessages: this.cfg.flowMessages,
      link: {
        addresses: () => this.brokersUrl?.addresses ?? [],
        self: this.self,
        info: () => this.selfInfo(),
        user: this.cfg.username,
        password: this.cfg.password,
        heartbeatMs: this.cfg.linkHeartbeatMs,
        maintenanceMs: this.cfg.linkMaintenanceMs,
        log: this.broker.log,
      },
      log: (level, text) => this.log(level, text),
      fatal: (m) => this.fatal(m),
    })
  }

  private selfInfo(): Record<string, unknown> {
    return {
      'system-id': this.broker.systemId,
      protocol: 'tcp',
      'host-name': this.self.hostName,
      port: this.broker.port,
      status: statusCode(this.membership.status),
    }
  }

  private parseUrl(text: string): QpidUrl | undefined {
    try {
      return parseQpidUrl(text)
    } catch (e) {
      if (e instanceof PythonError) throw new BrokerError(e.message, 'amqp:invalid-field')
      throw e
    }
  }

  private log(level: 'info' | 'notice' | 'warning' | 'critical', text: string): void {
    const line = `${this.broker.systemId.slice(0, 8)}(${this.membership.status}) ${text}`
    if (level === 'critical') this.broker.log.error('HA', line)
    else this.broker.log[level]('HA', line)
  }

  /** Fail-stop: a backup that cannot follow its primary stops rather than diverge. */
  private fatal(message: string): void {
    this.log('critical', message)
    process.exit(1)
  }
}

/** An invalid `qpid.replicate` value refuses the declare (qpidd's text, invalid-field). */
function refuseInvalid(level: () => ReplicationLevel): ReplicationLevel {
  try {
    return level()
  } catch (e) {
    if (!(e instanceof InvalidLevel)) throw e
    throw new BrokerError(e.message, 'amqp:invalid-field')
  }
}

/** The arguments a primary gives a new queue or exchange: its level and, if it replicates, an HA uuid. */
function stamp(args: Record<string, unknown>, level: ReplicationLevel): void {
  args[REPLICATE_ARG] = level
  if (level !== 'none') args[UUID_ARG] = randomUUID()
}
