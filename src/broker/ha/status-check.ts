// The status check a joining broker makes before it may be promoted (ha.md §5.2): ask every
// other broker of the URL for its status over an admin connection, each within the heartbeat
// interval. Unreachable or hung brokers simply give no answer.
import rhea from 'rhea'
import type { QpidAddress } from '../../protocol/url.js'
import { haDialOptions } from './dial.js'
import { ADMIN_PROPERTY, BACKUP_PROPERTY, STATUS_ADDRESS } from './protocol.js'

export interface CheckOptions {
  info: Record<string, unknown>
  timeoutMs: number
  user?: string
  password?: string
}

/** The peer's status string, or undefined when it did not answer in time. */
export function checkStatus(address: QpidAddress, opts: CheckOptions): Promise<string | undefined> {
  return new Promise((resolve) => {
    const container = rhea.create_container({ id: `qpid.ha-status-check-${rhea.generate_uuid()}` })
    let done = false
    const finish = (status: string | undefined) => {
      if (done) return
      done = true
      clearTimeout(timer)
      try {
        conn.close()
      } catch {}
      conn.socket?.destroy?.()
      resolve(status)
    }
    const timer = setTimeout(() => finish(undefined), opts.timeoutMs)
    const conn: any = container.connect(
      haDialOptions(address, opts, { [ADMIN_PROPERTY]: 1, [BACKUP_PROPERTY]: opts.info }),
    )
    conn.on('connection_open', () => {
      const r = conn.open_receiver({ source: { address: STATUS_ADDRESS } })
      r.on('message', (ctx: any) => finish(String(ctx.message?.applicationProperties?.status ?? '')))
      r.on('receiver_error', () => finish(undefined))
      r.on('receiver_close', () => finish(undefined))
    })
    for (const ev of ['disconnected', 'connection_close', 'connection_error']) conn.on(ev, () => finish(undefined))
    conn.on('error', () => {})
  })
}
