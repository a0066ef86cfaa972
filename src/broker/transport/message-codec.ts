// Incoming messages without a full decode/re-encode. rhea decodes every format-0 transfer with
// message.decode(); we replace that function (rhea's own module object, so the session code picks it
// up) with a scan that reads only the header, properties and application-properties sections and
// keeps the encoded bytes, which the broker stores and later sends unchanged. Bodies are decoded only
// when needed (QMF requests) with rhea's original decoder.
import { createRequire } from 'node:module'
import rhea from 'rhea'
import type { InboundMessage } from '../nodes/message.js'

const require = createRequire(import.meta.url)
const rheaMessage = require('rhea/lib/message.js') as { decode: (b: Buffer) => unknown }
const originalDecode = rheaMessage.decode
const types = rhea.types as unknown as {
  Reader: new (
    b: Buffer,
  ) => { position: number; remaining(): number; read(): { descriptor?: { value: unknown }; value: unknown } }
  unwrap(v: unknown, leave?: boolean): unknown
  unwrap_map_simple(v: unknown): Record<string, unknown>
}

const HEADER = 0x70
const PROPERTIES = 0x73
const APP_PROPS = 0x74
const SYMBOLIC: Record<string, number> = {
  'amqp:header:list': 0x70,
  'amqp:delivery-annotations:map': 0x71,
  'amqp:message-annotations:map': 0x72,
  'amqp:properties:list': 0x73,
  'amqp:application-properties:map': 0x74,
}

function code(desc: unknown): number {
  if (typeof desc === 'number') return desc
  if (typeof desc === 'string') return SYMBOLIC[desc] ?? 0x77
  if (typeof desc === 'bigint') return Number(desc)
  return -1
}

function field(list: unknown[], i: number): unknown {
  const v = list[i]
  if (v === undefined) return undefined
  const u = types.unwrap(v, true)
  return u === null ? undefined : u
}

/** Parses the routing-relevant parts of an encoded message; throws on malformed input. */
export function scanMessage(bytes: Buffer): InboundMessage {
  const msg: InboundMessage = { bytes, durable: false, priority: 4, bodyOffset: bytes.length }
  const reader = new types.Reader(bytes)
  while (reader.remaining() > 0) {
    const start = reader.position
    const s = reader.read()
    const c = code(s.descriptor?.value)
    if (c === HEADER) {
      const l = s.value as unknown[]
      msg.durable = field(l, 0) === true
      const p = field(l, 1)
      if (typeof p === 'number') msg.priority = p
      const ttl = field(l, 2)
      if (typeof ttl === 'number') msg.ttl = ttl
    } else if (c === PROPERTIES) {
      const l = s.value as unknown[]
      const to = field(l, 2)
      if (to !== undefined) msg.to = String(to)
      const subject = field(l, 3)
      if (subject !== undefined) msg.subject = String(subject)
      const rt = field(l, 4)
      if (rt !== undefined) msg.replyTo = String(rt)
      msg.correlationId = field(l, 5)
      const ct = field(l, 6)
      if (ct !== undefined) msg.contentType = String(ct)
    } else if (c === APP_PROPS) {
      msg.applicationProperties = types.unwrap_map_simple(s)
    } else if (c >= 0x75 && c <= 0x77) {
      msg.bodyOffset = start
      break
    } else if (c < 0) {
      throw new Error('expected a described message section')
    }
  }
  return msg
}

/** rhea's own decoder, for the cold paths that need the body (QMF). */
export function decodeFull(bytes: Buffer): { body?: unknown } {
  return originalDecode(bytes) as { body?: unknown }
}

/** Encodes a message object with rhea (for broker-generated messages such as QMF responses). */
export function encodeMessage(m: Record<string, unknown>): Buffer {
  return (rhea.message as unknown as { encode(m: unknown): Buffer }).encode(m)
}

let installed = false
/**
 * Installs the scan as rhea's format-0 decoder for this process. The received slice is copied so
 * a queued message does not pin the socket read buffer it arrived in.
 */
export function installRawDecoding(): void {
  if (installed) return
  installed = true
  rheaMessage.decode = (buf: Buffer) => scanMessage(Buffer.from(buf))
}
