// A bridge's properties as `create bridge` (and qpid-route) give them (qmf.md §4.1, §6.9), and
// the interface of its two message flows.
import type { Connection } from 'rhea'
import type { RemoteBroker } from './remote-broker.js'

export interface BridgeConfig {
  name: string
  /** Remote exchange or queue (local one for a push route). */
  src: string
  /** Exchange messages go to (on the other side for a push route). */
  dest: string
  key: string
  tag: string
  excludes: string
  srcIsQueue: boolean
  srcIsLocal: boolean
  dynamic: boolean
  durable: boolean
  /** Acknowledgement batch; ours acknowledges each message once it is enqueued. */
  sync: number
  /** Messages in flight over the bridge (0 or 0xFFFFFFFF: unlimited, capped at CREDIT_CAP). */
  credit: number
}

export const CREDIT_CAP = 1000

export function creditWindow(credit: number): number {
  return credit <= 0 || credit > CREDIT_CAP ? CREDIT_CAP : credit
}

/** How a bridge moves messages while its link is operational (pull or push). */
export interface BridgeFlow {
  readonly active: boolean
  start(conn: Connection, remote: RemoteBroker): void
  /** The link's connection went away; the flow starts again when it is back. */
  stop(): void
  /** The bridge is deleted. */
  close(): void
}
