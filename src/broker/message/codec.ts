// The broker's message codec: a scan that reads only the header, properties and
// application-properties sections and keeps the encoded bytes, which the broker stores and later
// sends unchanged (rhea/raw-decoding.ts makes it rhea's decoder for incoming transfers). Bodies are
// decoded only when needed (QMF requests) with rhea's original decoder.
import { createRequire } from 'node:module'
import rhea from 'rhea'
import type { InboundMessage } from '../nodes/message.js'
import { listStart, readValue, sectionAt, valueEnd } from './amqp-scan.js'

const require = createRequire(import.meta.url)
const rheaMessage = require('rhea/lib/message.js') as { decode: (b: Buffer) => unknown }
const originalDecode = rheaMessage.decode
const types = rhea.types as unknown as {
  Reader: new (b: Buffer) => { read(): unknown }
  unwrap_map_simple(v: unknown): Record<string, unknown>
}

const HEADER = 0x70
const PROPERTIES = 0x73
const APP_PROPS = 0x74

/**
 * The routing view of an encoded message. Application properties are decoded on first use only
 * (headers exchange, LVQ, QMF), since most messages never need them.
 */
class ScannedMessage implements InboundMessage {
  durable = false
  priority = 4
  ttl?: number
  absoluteExpiry?: number
  to?: string
  subject?: string
  replyTo?: string
  correlationId?: unknown
  contentType?: string
  bodyOffset: number
  appStart = -1
  appEnd = -1
  private props?: Record<string, unknown> | null

  constructor(readonly bytes: Buffer) {
    this.bodyOffset = bytes.length
  }

  get applicationProperties(): Record<string, unknown> | undefined {
    if (this.props === undefined) {
      this.props =
        this.appStart < 0
          ? null
          : types.unwrap_map_simple(new types.Reader(this.bytes.subarray(this.appStart, this.appEnd)).read())
    }
    return this.props ?? undefined
  }
}

function text(v: unknown): string | undefined {
  return v === undefined ? undefined : String(v)
}

/** Parses the routing-relevant parts of an encoded message; throws on malformed input. */
export function scanMessage(bytes: Buffer): InboundMessage {
  const msg = new ScannedMessage(bytes)
  let pos = 0
  while (pos < bytes.length) {
    const { code, value } = sectionAt(bytes, pos)
    const end = valueEnd(bytes, value)
    if (code === HEADER) {
      const { count, first } = listStart(bytes, value)
      let p = first
      for (let i = 0; i < count && i < 3; i++) {
        const v = readValue(bytes, p)
        if (i === 0) msg.durable = v === true
        else if (i === 1 && typeof v === 'number') msg.priority = v
        else if (i === 2 && typeof v === 'number') msg.ttl = v
        p = valueEnd(bytes, p)
      }
    } else if (code === PROPERTIES) {
      const { count, first } = listStart(bytes, value)
      let p = first
      for (let i = 0; i < count && i < 9; i++) {
        if (i >= 2 && i !== 7) {
          const v = readValue(bytes, p)
          if (i === 2) msg.to = text(v)
          else if (i === 3) msg.subject = text(v)
          else if (i === 4) msg.replyTo = text(v)
          else if (i === 5) msg.correlationId = v
          else if (i === 6) msg.contentType = text(v)
          else if (typeof v === 'number') msg.absoluteExpiry = v
          else if (v instanceof Date) msg.absoluteExpiry = v.getTime()
        }
        p = valueEnd(bytes, p)
      }
    } else if (code === APP_PROPS) {
      msg.appStart = value
      msg.appEnd = end
    } else if (code >= 0x75 && code <= 0x77) {
      msg.bodyOffset = pos
      break
    } else if (code < 0) {
      throw new Error('unknown message section')
    }
    if (end > bytes.length) throw new RangeError('truncated message section')
    pos = end
  }
  return msg
}

/**
 * The message as sent on redelivery: the header section rewritten with `delivery-count` (and
 * first-acquirer false), everything after it unchanged. Only used for released messages.
 */
export function withDeliveryCount(bytes: Buffer, count: number): Buffer {
  const fields: unknown[] = [false, 4, undefined, false, 0]
  let rest = 0
  const first = sectionAt(bytes, 0)
  if (first.code === HEADER) {
    const { count: n, first: p0 } = listStart(bytes, first.value)
    let p = p0
    for (let i = 0; i < n && i < 5; i++) {
      fields[i] = readValue(bytes, p)
      p = valueEnd(bytes, p)
    }
    rest = valueEnd(bytes, first.value)
  }
  const t = rhea.types as unknown as Record<string, (...a: unknown[]) => unknown> & {
    Writer: new () => { write(v: unknown): void; toBuffer(): Buffer }
  }
  const list = [
    t.wrap_boolean(fields[0] === true),
    t.wrap_ubyte(typeof fields[1] === 'number' ? fields[1] : 4),
    typeof fields[2] === 'number' ? t.wrap_uint(fields[2]) : t.Null(),
    t.wrap_boolean(false),
    t.wrap_uint(count),
  ]
  const w = new t.Writer()
  w.write(t.described(t.wrap_ulong(HEADER), t.wrap_list(list)))
  return Buffer.concat([w.toBuffer(), bytes.subarray(rest)])
}

/** rhea's own decoder, for the cold paths that need the body (QMF). */
export function decodeFull(bytes: Buffer): { body?: unknown } {
  return originalDecode(bytes) as { body?: unknown }
}

/** Encodes a message object with rhea (for broker-generated messages such as QMF responses). */
export function encodeMessage(m: Record<string, unknown>): Buffer {
  return (rhea.message as unknown as { encode(m: unknown): Buffer }).encode(m)
}
