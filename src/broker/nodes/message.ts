// What a queue holds per message. The encoded AMQP bytes are kept as received and sent out
// unchanged (no re-encoding on the hot path); only the few header fields routing and queue
// policies need are kept beside them. One object per (message, queue); fanout shares the bytes.
//
// Memory: a queue may hold millions of these, so each is one small object. The bytes are kept as
// (ArrayBuffer, offset, size) rather than as a Buffer: a Buffer view is a ~100-byte heap object of
// its own, while the ArrayBuffer is shared by every message that arrived in the same socket read
// (incoming transfers are views into it), so keeping it retains exactly what the view retained.
// A Buffer is made only when the bytes are used (sent, stored, replicated, rerouted). State,
// durable and priority share one small integer.

export const AVAILABLE = 0
export const ACQUIRED = 1
export const DELETED = 2

const STATE_MASK = 3
const DURABLE = 4
const PRIORITY_SHIFT = 3

export class QueuedMessage {
  /** Position in the queue (set by MessageList.push); also the order for redelivery. */
  position = 0
  /** state (2 bits) | durable (1 bit) | priority (8 bits) */
  private flags: number
  /** Store id when persisted (0 = not persisted). */
  persistenceId = 0
  /** Number of times this message was released back after being sent (redelivered flag). */
  deliveryCount = 0
  /** Expiry time in ms since the epoch from the header TTL (0 = never). */
  expiresAt = 0
  private readonly data: ArrayBuffer
  private readonly offset: number
  /** Encoded size in bytes. */
  readonly size: number

  constructor(
    bytes: Buffer,
    durable: boolean,
    priority: number,
    /** Value of the LVQ key property (only on last-value queues). */
    readonly lvqKey?: string,
  ) {
    this.flags = AVAILABLE | (durable ? DURABLE : 0) | ((priority & 0xff) << PRIORITY_SHIFT)
    this.data = bytes.buffer as ArrayBuffer
    this.offset = bytes.byteOffset
    this.size = bytes.length
  }

  /** The encoded message (a new view each call; the bytes themselves are not copied). */
  get bytes(): Buffer {
    return Buffer.from(this.data, this.offset, this.size)
  }

  get state(): number {
    return this.flags & STATE_MASK
  }
  set state(s: number) {
    this.flags = (this.flags & ~STATE_MASK) | s
  }

  get durable(): boolean {
    return (this.flags & DURABLE) !== 0
  }

  get priority(): number {
    return this.flags >> PRIORITY_SHIFT
  }
}

/** Parsed view of an incoming message (see message/codec.ts). */
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
