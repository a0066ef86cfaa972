// The primary's side of the cluster (ha.md §5.1, §5.3, §6.5-6.8): one session per connected
// backup (configuration stream, queue streams, catch-up set), guards on every fully replicated
// queue for every backup, readiness, and the expected backups of a recovering primary with the
// ha-backup-timeout rule.
import type { Broker } from '../broker.js'
import type { ConfigStream } from './config-stream.js'
import type { HaQueue } from './ha-queue.js'
import { type BrokerInfo, describe, type Membership } from './membership.js'
import type { ConfigEvent } from './protocol.js'
import type { QueueStream } from './queue-stream.js'

export interface PrimaryContext {
  broker: Broker
  membership: Membership
  haQueues: Map<unknown, HaQueue>
  backupTimeoutMs: number
  log(level: 'info' | 'notice' | 'warning', text: string): void
}

export class BackupSession {
  readonly streams = new Map<string, QueueStream>()
  /** Fully replicated queues that existed when the backup connected: they decide readiness. */
  readonly catchup = new Set<string>()
  readonly readyQueues = new Set<string>()
  ready = false
  constructor(
    readonly info: BrokerInfo,
    readonly config: ConfigStream,
  ) {}

  end(): void {
    this.config.end()
    for (const s of this.streams.values()) s.end()
    this.streams.clear()
  }
}

export class PrimaryRole {
  readonly sessions = new Map<string, BackupSession>()
  readonly expected = new Map<string, BrokerInfo>()
  private timer?: NodeJS.Timeout

  constructor(private readonly ctx: PrimaryContext) {}

  private sourceQueues(): HaQueue[] {
    return [...this.ctx.haQueues.values()].filter((hq) => hq.mode === 'source' && !hq.queue.deleted)
  }

  /** Recovery: hold messages for every backup that was ready under the old primary. */
  start(expected: BrokerInfo[]): void {
    for (const b of expected) {
      this.expected.set(b.systemId, b)
      for (const hq of this.sourceQueues()) hq.guards.guard(b.systemId, hq.nextId)
    }
    if (expected.length) {
      this.ctx.log('notice', `Recovering backups: ${expected.map(describe).join(' ')} `)
      this.timer = setTimeout(() => this.timeout(), this.ctx.backupTimeoutMs)
    }
    this.checkActive()
  }

  stop(): void {
    clearTimeout(this.timer)
    for (const id of [...this.sessions.keys()]) this.detach(id)
  }

  /** A backup attached its configuration stream. */
  attach(info: BrokerInfo, config: ConfigStream, snapshot: () => ConfigEvent): BackupSession {
    this.detach(info.systemId)
    const known = this.expected.get(info.systemId)
    const session = new BackupSession({ ...info, status: known ? known.status : 'catchup' }, config)
    for (const hq of this.sourceQueues()) {
      hq.guards.guard(info.systemId, hq.nextId)
      session.catchup.add(hq.queue.name)
    }
    // the others hear of the new member now; the new one starts with the snapshot, which lists it
    this.ctx.membership.add(session.info)
    this.sessions.set(info.systemId, session)
    this.ctx.log('info', `${known ? 'Known backup reconnection' : 'New backup connection'}: ${describe(session.info)}`)
    config.send(snapshot())
    this.checkReady(session)
    return session
  }

  /** The backup's connection or configuration link went away. */
  detach(systemId: string): void {
    const s = this.sessions.get(systemId)
    if (!s) return
    this.sessions.delete(systemId)
    s.end()
    for (const hq of this.ctx.haQueues.values()) hq.guards.cancel(systemId)
    this.ctx.membership.remove(systemId)
    if (this.expected.delete(systemId)) this.checkActive()
    this.ctx.log('info', `Disconnected backup ${describe(s.info)}`)
  }

  /** A new fully replicated queue: guarded for every backup from its first message. */
  queueCreated(hq: HaQueue): void {
    for (const id of [...this.sessions.keys(), ...this.expected.keys()]) hq.guards.guard(id, hq.nextId)
  }

  queueDeleted(name: string): void {
    for (const s of this.sessions.values()) {
      s.catchup.delete(name)
      s.streams.delete(name)
      this.checkReady(s)
    }
  }

  broadcast(ev: ConfigEvent): void {
    for (const s of this.sessions.values()) s.config.send(ev)
  }

  streamReady(systemId: string, queue: string): void {
    const s = this.sessions.get(systemId)
    if (!s) return
    s.readyQueues.add(queue)
    this.checkReady(s)
  }

  private checkReady(s: BackupSession): void {
    if (s.ready) return
    for (const q of s.catchup) if (!s.readyQueues.has(q)) return
    s.ready = true
    s.info.status = 'ready'
    this.ctx.membership.add(s.info)
    if (this.expected.delete(s.info.systemId)) {
      this.ctx.log('info', `Recovering backup is ready: ${describe(s.info)}`)
      this.checkActive()
    } else this.ctx.log('info', `New backup is ready: ${describe(s.info)}`)
  }

  /** ha-backup-timeout: expected backups that never connected are dropped and demoted. */
  private timeout(): void {
    for (const [id, b] of [...this.expected]) {
      if (this.sessions.has(id)) continue
      this.expected.delete(id)
      for (const hq of this.ctx.haQueues.values()) hq.guards.cancel(id)
      this.ctx.membership.add({ ...b, status: 'catchup' })
      this.ctx.log('warning', `Expected backup timed out: ${describe(b)}`)
    }
    this.checkActive()
  }

  private checkActive(): void {
    if (this.expected.size > 0 || this.ctx.membership.status !== 'recovering') return
    clearTimeout(this.timer)
    this.ctx.membership.setStatus('active')
    this.ctx.log('notice', 'All backups recovered.')
  }
}
