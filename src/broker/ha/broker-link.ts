// An outgoing inter-broker link (a backup's replication connection, or a standalone replica's
// link to its source): tries the addresses of a URL in turn, one attempt per
// link-maintenance-interval, until one accepts (only a primary accepts backups). The connection
// carries the broker's info as `qpid.ha-backup` and heartbeats (heartbeat.ts).
import { randomUUID } from 'node:crypto'
import rhea from 'rhea'
import { type QpidAddress, qpidAddressText } from '../../protocol/url.js'
import type { Logger } from '../log.js'
import { haDialOptions } from './dial.js'
import { dropWhenSilent } from './heartbeat.js'
import { BACKUP_PROPERTY } from './protocol.js'
import type { SelfAddress } from './self-address.js'

type RheaConnection = any

export interface LinkOptions {
  addresses: () => QpidAddress[]
  /** Recognises our own entry, skipped when cycling (a broker never replicates from itself). */
  self: SelfAddress
  info: () => Record<string, unknown>
  user?: string
  password?: string
  heartbeatMs: number
  maintenanceMs: number
  log: Logger
  onOpen(conn: RheaConnection, address: QpidAddress): void
  onClose(): void
}

export class BrokerLink {
  readonly name = `qpid.ha.link.${randomUUID()}`
  private readonly container = rhea.create_container({ id: this.name })
  private conn?: RheaConnection
  private next = 0
  private timer?: NodeJS.Timeout
  private stopped = false

  constructor(private readonly opts: LinkOptions) {}

  start(): void {
    this.stopped = false
    void this.attempt()
  }

  stop(): void {
    this.stopped = true
    clearTimeout(this.timer)
    const c = this.conn
    this.conn = undefined
    if (c) {
      try {
        c.close()
      } catch {}
      c.socket?.destroy?.()
    }
  }

  /** The addresses to try: every TCP address of the URL but our own. */
  private async candidates(): Promise<QpidAddress[]> {
    return this.opts.self.others(this.opts.addresses().filter((a) => a.protocol === 'tcp'))
  }

  private async attempt(): Promise<void> {
    if (this.stopped) return
    const list = await this.candidates()
    if (this.stopped) return
    if (list.length === 0) {
      this.retry()
      return
    }
    const address = list[this.next++ % list.length]
    const conn = this.container.connect(
      haDialOptions(
        address,
        this.opts,
        { [BACKUP_PROPERTY]: this.opts.info() },
        Math.max(1, Math.floor(this.opts.heartbeatMs)),
      ),
    )
    dropWhenSilent(conn)
    this.conn = conn
    let opened = false
    conn.on('connection_open', () => {
      if (this.conn !== conn) return
      opened = true
      this.opts.onOpen(conn, address)
    })
    const gone = () => {
      if (this.conn !== conn) return
      this.conn = undefined
      if (opened) {
        this.opts.log.info('HA', `Link to ${qpidAddressText(address)} closed`)
        this.opts.onClose()
      }
      try {
        conn.socket?.destroy?.()
      } catch {}
      this.retry()
    }
    conn.on('disconnected', gone)
    conn.on('connection_close', gone)
    conn.on('connection_error', gone)
    conn.on('error', () => {})
  }

  private retry(): void {
    if (this.stopped) return
    clearTimeout(this.timer)
    this.timer = setTimeout(() => void this.attempt(), Math.max(10, this.opts.maintenanceMs))
  }
}
