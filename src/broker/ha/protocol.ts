// The replication protocol between brokers (ha.md §13.4), over AMQP 1.0 links on the backup's
// connection to the primary:
// * config stream: receiver on `qpid.ha-config`; the primary sends one snapshot, then ordered
//   change events (JSON bodies; one ordered source makes query/event reconciliation unnecessary);
// * queue streams: receiver on `qpid.ha-q:<queue>`, attach property `qpid.ha-ids` = ranges of ids
//   the backup holds. Data transfers carry the original message bytes unchanged, with the
//   replication id as the delivery tag (decimal digits); control transfers ("dequeue these ids")
//   have tags starting with `d` and a JSON list of ids as body. The backup accepts each transfer
//   once applied; the primary releases its guard on that acceptance.
// * status check: receiver on `qpid.ha-status`; one message with the broker's status, then detach.
import type { MemberRecord } from './membership.js'

export const CONFIG_ADDRESS = 'qpid.ha-config'
export const QUEUE_PREFIX = 'qpid.ha-q:'
export const STATUS_ADDRESS = 'qpid.ha-status'
export const IDS_PROPERTY = 'qpid.ha-ids'
/** Open property of a backup's replication connection: its broker info. */
export const BACKUP_PROPERTY = 'qpid.ha-backup'
export const ADMIN_PROPERTY = 'qpid.ha-admin'

export interface QueueDecl {
  name: string
  durable: boolean
  autoDelete: boolean
  exclusive: boolean
  arguments: Record<string, unknown>
  alternateExchange?: string
}

export interface ExchangeDecl {
  name: string
  type: string
  durable: boolean
  autoDelete: boolean
  arguments: Record<string, unknown>
  alternateExchange?: string
}

export interface BindingDecl {
  exchange: string
  queue: string
  key: string
  arguments: Record<string, unknown>
}

export type ConfigEvent =
  | {
      type: 'snapshot'
      replicateDefault: string
      members: MemberRecord[]
      exchanges: ExchangeDecl[]
      queues: QueueDecl[]
      bindings: BindingDecl[]
    }
  | { type: 'queue-declare'; queue: QueueDecl }
  | { type: 'queue-delete'; name: string }
  | { type: 'exchange-declare'; exchange: ExchangeDecl }
  | { type: 'exchange-delete'; name: string }
  | { type: 'bind'; binding: BindingDecl }
  | { type: 'unbind'; binding: BindingDecl }
  | { type: 'members'; members: MemberRecord[] }

/** JSON keeps argument values that are plain data; binary values travel as UTF-8 text. */
export function plainArgs(args: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify(args, (_k, v) =>
      v && typeof v === 'object' && v.type === 'Buffer' ? Buffer.from(v.data).toString('utf8') : v,
    ),
  )
}

export function dataTag(id: number): Buffer {
  return Buffer.from(String(id))
}

const D = 0x64
export function controlTag(n: number): Buffer {
  return Buffer.from(`d${n}`)
}

/** The replication id a data tag carries, or undefined for a control transfer. */
export function tagId(tag: Buffer): number | undefined {
  if (!tag || tag.length === 0 || tag[0] === D) return undefined
  const n = Number(tag.toString('latin1'))
  return Number.isSafeInteger(n) ? n : undefined
}
