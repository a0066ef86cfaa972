// The serving side of replication links (ha.md §13.4): a peer's receiver on a reserved address is
// claimed before normal attach handling — `qpid.ha-status` (one status message), `qpid.ha-config`
// (a backup's configuration stream, primary only) and `qpid.ha-q:<queue>` (a queue stream, for a
// cluster backup or a standalone replica, which is guarded here).
import { randomUUID } from 'node:crypto'
import type { Broker } from '../broker.js'
import type { Queue } from '../nodes/queue.js'
import type { ConnectionInfo } from '../transport/connection-info.js'
import { ConfigStream, snapshotOf } from './config-stream.js'
import type { ConfirmationTracker } from './confirmation.js'
import { HaQueue } from './ha-queue.js'
import { dropWhenSilent } from './heartbeat.js'
import { fromRanges, parseRanges } from './id-set.js'
import type { BrokerInfo, Membership } from './membership.js'
import type { PrimaryRole } from './primary.js'
import { BACKUP_PROPERTY, CONFIG_ADDRESS, IDS_PROPERTY, QUEUE_PREFIX, STATUS_ADDRESS } from './protocol.js'
import { QueueStream } from './queue-stream.js'

type RheaSender = any

export interface EndpointContext {
  broker: Broker
  replicateDefault: string
  haQueues: Map<Queue, HaQueue>
  confirmation: ConfirmationTracker
  membership: Membership
  /** The primary role, when this broker is a cluster primary. */
  primary(): PrimaryRole | undefined
}

export class ReplicationEndpoints {
  constructor(private readonly ctx: EndpointContext) {}

  claim(sender: RheaSender, info: ConnectionInfo): boolean {
    const address = String(sender.remote?.attach?.source?.address ?? '')
    if (address === STATUS_ADDRESS) {
      sender.set_source({ address })
      sender.once('sendable', () => sender.send({ application_properties: { status: this.ctx.membership.status } }))
      return true
    }
    if (address === CONFIG_ADDRESS) {
      this.attachBackup(sender, info)
      return true
    }
    if (address.startsWith(QUEUE_PREFIX)) {
      this.attachQueueStream(sender, info, address.slice(QUEUE_PREFIX.length))
      return true
    }
    return false
  }

  private peerOf(info: ConnectionInfo): BrokerInfo | undefined {
    const p = info.remoteProperties[BACKUP_PROPERTY] as Record<string, unknown> | undefined
    if (!p || typeof p !== 'object') return undefined
    return {
      systemId: String(p['system-id'] ?? ''),
      protocol: String(p.protocol ?? 'tcp'),
      hostName: String(p['host-name'] ?? ''),
      port: Number(p.port ?? 0),
      status: 'catchup',
    }
  }

  private refuse(sender: RheaSender, condition: string, description: string): void {
    sender.set_source({ address: null })
    sender.close({ condition, description })
  }

  private attachBackup(sender: RheaSender, info: ConnectionInfo): void {
    const peer = this.peerOf(info)
    const primary = this.ctx.primary()
    if (!peer || !primary) {
      this.refuse(sender, 'amqp:not-allowed', 'Not an HA primary')
      return
    }
    sender.set_source({ address: CONFIG_ADDRESS })
    dropWhenSilent(sender.connection)
    const stream = new ConfigStream(sender)
    primary.attach(peer, stream, () =>
      snapshotOf(this.ctx.broker, this.ctx.replicateDefault, this.ctx.membership.records()),
    )
    const gone = () => {
      if (primary.sessions.get(peer.systemId)?.config === stream) primary.detach(peer.systemId)
    }
    sender.on('sender_close', gone)
    sender.on('sender_error', gone)
    sender.connection.socket?.once('close', gone)
  }

  private attachQueueStream(sender: RheaSender, info: ConnectionInfo, name: string): void {
    const q = this.ctx.broker.queues.get(name)
    const peer = this.peerOf(info)
    if (!q || !peer) {
      this.refuse(sender, 'amqp:not-found', `Queue not found: ${name}`)
      return
    }
    const session = this.ctx.primary()?.sessions.get(peer.systemId)
    let hq = this.ctx.haQueues.get(q)
    if (!hq) {
      // source of a standalone replica: number the queue's messages from now on
      hq = new HaQueue(q, 'source', this.ctx.confirmation)
      this.ctx.haQueues.set(q, hq)
    }
    if (hq.mode !== 'source') {
      this.refuse(sender, 'amqp:not-allowed', `Queue is a replica: ${name}`)
      return
    }
    const guardId = session ? peer.systemId : `replica:${peer.systemId}:${randomUUID()}`
    const guard = hq.guards.guard(guardId, hq.nextId)
    sender.set_source({ address: `${QUEUE_PREFIX}${name}` })
    dropWhenSilent(sender.connection)
    const source = hq
    const stream = new QueueStream(source, sender, guard, () => this.ctx.primary()?.streamReady(peer.systemId, name))
    session?.streams.set(name, stream)
    const gone = () => {
      stream.end()
      if (!session) source.guards.cancel(guardId)
    }
    sender.on('sender_close', gone)
    sender.on('sender_error', gone)
    sender.connection.socket?.once('close', gone)
    stream.start(fromRanges(parseRanges(sender.remote?.attach?.properties?.[IDS_PROPERTY])))
  }
}
