// The backup role (ha.md §2.3): keeps one replication link to whichever broker of the URL accepts
// it (the primary), applies the configuration stream, and runs one queue replicator per fully
// replicated queue. Replica state (ids held) survives a lost link, so after a failover only the
// difference is copied.

import { qpidAddressText } from '../../protocol/url.js'
import type { Broker } from '../broker.js'
import { decodeFull } from '../message/codec.js'
import type { Queue } from '../nodes/queue.js'
import { BrokerLink, type LinkOptions } from './broker-link.js'
import { ConfigReplica } from './config-replica.js'
import type { ConfirmationTracker } from './confirmation.js'
import { HaQueue } from './ha-queue.js'
import { stampedLevel } from './levels.js'
import type { Membership } from './membership.js'
import { CONFIG_ADDRESS, type ConfigEvent } from './protocol.js'
import { QueueReplicator } from './queue-replicator.js'

type RheaConnection = any

export interface BackupContext {
  broker: Broker
  membership: Membership
  haQueues: Map<Queue, HaQueue>
  confirmation: ConfirmationTracker
  replicateDefault: string
  flowMessages: number
  link: Omit<LinkOptions, 'onOpen' | 'onClose'>
  log(level: 'info' | 'notice' | 'warning' | 'critical', text: string): void
  fatal(message: string): void
}

export class BackupRole {
  private readonly link: BrokerLink
  private readonly replicators = new Map<Queue, QueueReplicator>()
  private readonly replica: ConfigReplica
  private conn?: RheaConnection
  private primary = ''

  constructor(private readonly ctx: BackupContext) {
    this.replica = new ConfigReplica(ctx.broker, ctx.replicateDefault, {
      isLive: (q) => ctx.haQueues.has(q) || stampedLevel(q.arguments) !== 'all',
      startReplica: (q) => this.startReplica(q),
      dropReplica: (q) => this.dropReplica(q),
      members: (records) => ctx.membership.adopt(records),
      fatal: (m) => ctx.fatal(m),
    })
    this.link = new BrokerLink({
      ...ctx.link,
      onOpen: (conn, address) => this.opened(conn, qpidAddressText(address)),
      onClose: () => this.closed(),
    })
  }

  start(): void {
    this.link.start()
  }

  /** Promotion: stop replicating; the replica state stays for the new primary to continue. */
  stop(): void {
    for (const r of this.replicators.values()) r.stop()
    this.replicators.clear()
    this.conn = undefined
    this.link.stop()
  }

  private opened(conn: RheaConnection, address: string): void {
    this.conn = conn
    this.primary = address
    this.ctx.log('info', `Connecting to primary ${address}`)
    let first = true
    const r = conn.open_receiver({ source: { address: CONFIG_ADDRESS }, credit_window: 1000 })
    r.on('message', (ctx: any) => {
      if (this.conn !== conn) return
      let ev: ConfigEvent
      try {
        ev = JSON.parse(String(decodeFull(ctx.message.bytes).body)) as ConfigEvent
      } catch {
        this.ctx.log('warning', 'Ignored a malformed configuration event')
        return
      }
      if (first) {
        first = false
        if (this.ctx.membership.status === 'joining') this.ctx.membership.setStatus('catchup')
        this.ctx.log('notice', `Connected to primary ${address}`)
      }
      this.replica.apply(ev)
    })
    // a broker that accepts us but refuses the stream is no primary: move on to the next address
    const refused = () => {
      if (this.conn === conn) conn.close()
    }
    r.on('receiver_error', refused)
    r.on('receiver_close', refused)
  }

  private closed(): void {
    this.conn = undefined
    for (const r of this.replicators.values()) r.stop()
    this.ctx.log('info', `Disconnected from primary ${this.primary}`)
  }

  private startReplica(q: Queue): void {
    if (stampedLevel(q.arguments) !== 'all' || !this.conn) return
    let hq = this.ctx.haQueues.get(q)
    if (!hq) {
      hq = new HaQueue(q, 'replica', this.ctx.confirmation)
      this.ctx.haQueues.set(q, hq)
    }
    this.replicators.get(q)?.stop()
    const rep = new QueueReplicator(this.ctx.broker, hq, this.ctx.flowMessages)
    this.replicators.set(q, rep)
    rep.subscribe(this.conn)
  }

  private dropReplica(q: Queue): void {
    this.replicators.get(q)?.stop()
    this.replicators.delete(q)
    this.ctx.haQueues.get(q)?.close()
    this.ctx.haQueues.delete(q)
  }
}
