// The replication protocol between brokers (ha.md §13.4), over AMQP 1.0 links on the backup's
// connection to the primary:
// * config stream: receiver on `qpid.ha-config`; the primary sends one snapshot, then ordered
//   change events (JSON bodies; one ordered source makes query/event reconciliation unnecessary);
// * queue streams: receiver on `qpid.ha-q:<queue>`, attach property `qpid.ha-ids` = ranges of ids
//   the backup holds. Transfers are batches (batch.ts): in order, replicated messages (id + the
//   original bytes, unchanged) and dequeued ids; tag `b<n>`. The backup accepts a batch once
//   applied; the primary releases its guards for the batch's messages on that acceptance.
// * status check: receiver on `qpid.ha-status`; one message with the broker's status, then detach.
import type { BindingDeclaration, ExchangeDeclaration, QueueDeclaration } from '../declarations.js'
import type { MemberRecord } from './membership.js'

export const CONFIG_ADDRESS = 'qpid.ha-config'
export const QUEUE_PREFIX = 'qpid.ha-q:'
export const STATUS_ADDRESS = 'qpid.ha-status'
export const IDS_PROPERTY = 'qpid.ha-ids'
/** Attach property of a queue stream: most messages unacknowledged at a time (--ha-flow-messages). */
export const FLOW_PROPERTY = 'qpid.ha-flow-messages'
/** Open property of a backup's replication connection: its broker info. */
export const BACKUP_PROPERTY = 'qpid.ha-backup'
export const ADMIN_PROPERTY = 'qpid.ha-admin'

export type ConfigEvent =
  | {
      type: 'snapshot'
      replicateDefault: string
      members: MemberRecord[]
      exchanges: ExchangeDeclaration[]
      queues: QueueDeclaration[]
      bindings: BindingDeclaration[]
    }
  | { type: 'queue-declare'; queue: QueueDeclaration }
  | { type: 'queue-delete'; name: string }
  | { type: 'exchange-declare'; exchange: ExchangeDeclaration }
  | { type: 'exchange-delete'; name: string }
  | { type: 'bind'; binding: BindingDeclaration }
  | { type: 'unbind'; binding: BindingDeclaration }
  | { type: 'members'; members: MemberRecord[] }

/** JSON keeps argument values that are plain data; binary values travel as UTF-8 text. */
export function plainArgs(args: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify(args, (_k, v) =>
      v && typeof v === 'object' && v.type === 'Buffer' ? Buffer.from(v.data).toString('utf8') : v,
    ),
  )
}

/** Delivery tag of queue-stream batch `n`. */
export function batchTag(n: number): Buffer {
  return Buffer.from(`b${n}`)
}

/** The batch number a delivery tag carries, or undefined. */
export function tagBatch(tag: Buffer): number | undefined {
  if (!tag || tag.length < 2 || tag[0] !== 0x62) return undefined
  const n = Number(tag.subarray(1).toString('latin1'))
  return Number.isSafeInteger(n) ? n : undefined
}
