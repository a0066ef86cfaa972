// What a queue holds per message. The encoded AMQP bytes are kept as received and sent out
// unchanged (no re-encoding on the hot path); only the few header fields routing and queue
// policies need are kept beside them. One object per (message, queue): fanout shares `bytes`.

export const AVAILABLE = 0
export const ACQUIRED = 1
export const DELETED = 2

export class QueuedMessage {
  /** Position in the queue (set by MessageList.push); also the order for redelivery. */
  position = 0
  state = AVAILABLE
  /** Store id when persisted (0 = not persisted). */
  persistenceId = 0
  /** Number of times this message was released back after being sent (redelivered flag). */
  deliveryCount = 0
  /** Expiry time in ms since the epoch from the header TTL (0 = never). */
  expiresAt = 0
  constructor(
    readonly bytes: Buffer,
    readonly durable: boolean,
    readonly priority: number,
    /** Value of the LVQ key property (only on last-value queues). */
    readonly lvqKey?: string,
  ) {}

  get size(): number {
    return this.bytes.length
  }
}

/** Parsed view of an incoming message (see transport/message-codec.ts). */
export interface InboundMessage {
  bytes: Buffer
  durable: boolean
  priority: number
  ttl?: number
  /** properties.absolute-expiry-time, ms since the epoch. */
  absoluteExpiry?: number
  to?: string
  subject?: string
  replyTo?: string
  correlationId?: unknown
  contentType?: string
  applicationProperties?: Record<string, unknown>
  /** Offset of the first body section in `bytes` (the body is decoded lazily, e.g. by the QMF agent). */
  bodyOffset: number
}
