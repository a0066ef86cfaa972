// A minimal AMQP 1.0 type scanner for the message hot path: finds where values end and decodes the
// few primitive fields routing needs (header and properties), without building rhea's typed object
// trees. Anything unusual falls back to rhea's Reader. Out-of-range reads throw (malformed input).
import rhea from 'rhea'

const types = rhea.types as unknown as {
  Reader: new (b: Buffer) => { read(): unknown }
  unwrap(v: unknown, leave?: boolean): unknown
}

/** Position just after the encoded value starting at `pos`. */
export function valueEnd(buf: Buffer, pos: number): number {
  const code = buf[pos]
  if (code === undefined) throw new RangeError('truncated AMQP value')
  if (code === 0x00) return valueEnd(buf, valueEnd(buf, pos + 1))
  switch (code >> 4) {
    case 0x4:
      return pos + 1
    case 0x5:
      return pos + 2
    case 0x6:
      return pos + 3
    case 0x7:
      return pos + 5
    case 0x8:
      return pos + 9
    case 0x9:
      return pos + 17
    case 0xa:
    case 0xc:
    case 0xe:
      return pos + 2 + buf.readUInt8(pos + 1)
    case 0xb:
    case 0xd:
    case 0xf:
      return pos + 5 + buf.readUInt32BE(pos + 1)
    default:
      throw new RangeError(`invalid AMQP type code 0x${code.toString(16)}`)
  }
}

/** Decodes the value at `pos`: primitives directly, anything else through rhea. null → undefined. */
export function readValue(buf: Buffer, pos: number): unknown {
  const code = buf[pos]
  switch (code) {
    case 0x40:
      return undefined
    case 0x41:
      return true
    case 0x42:
      return false
    case 0x56:
      return buf.readUInt8(pos + 1) !== 0
    case 0x43:
    case 0x44:
      return 0
    case 0x50:
    case 0x52:
    case 0x53:
      return buf.readUInt8(pos + 1)
    case 0x60:
      return buf.readUInt16BE(pos + 1)
    case 0x70:
      return buf.readUInt32BE(pos + 1)
    case 0x83:
      return Number(buf.readBigInt64BE(pos + 1))
    case 0xa1:
    case 0xa3:
      return buf.toString('utf8', pos + 2, pos + 2 + buf.readUInt8(pos + 1))
    case 0xb1:
    case 0xb3:
      return buf.toString('utf8', pos + 5, pos + 5 + buf.readUInt32BE(pos + 1))
    case 0xa0:
      return Buffer.from(buf.subarray(pos + 2, pos + 2 + buf.readUInt8(pos + 1)))
    case 0x98:
      return Buffer.from(buf.subarray(pos + 1, pos + 17))
    default: {
      const v = types.unwrap(new types.Reader(buf.subarray(pos, valueEnd(buf, pos))).read(), true)
      return v === null ? undefined : v
    }
  }
}

/** A list at `pos`: its element count and the position of the first element. */
export function listStart(buf: Buffer, pos: number): { count: number; first: number } {
  const code = buf[pos]
  if (code === 0x45) return { count: 0, first: pos + 1 }
  if (code === 0xc0) return { count: buf.readUInt8(pos + 2), first: pos + 3 }
  if (code === 0xd0) return { count: buf.readUInt32BE(pos + 5), first: pos + 9 }
  throw new RangeError('expected an AMQP list')
}

const SYMBOLIC: Record<string, number> = {
  'amqp:header:list': 0x70,
  'amqp:delivery-annotations:map': 0x71,
  'amqp:message-annotations:map': 0x72,
  'amqp:properties:list': 0x73,
  'amqp:application-properties:map': 0x74,
  'amqp:data:binary': 0x75,
  'amqp:amqp-sequence:list': 0x76,
  'amqp:value:*': 0x77,
  'amqp:footer:map': 0x78,
}

/** A message section header at `pos` (0x00 + descriptor): its numeric code and where its value starts. */
export function sectionAt(buf: Buffer, pos: number): { code: number; value: number } {
  if (buf[pos] !== 0x00) throw new RangeError('expected a described message section')
  const d = buf[pos + 1]
  if (d === 0x53) return { code: buf.readUInt8(pos + 2), value: pos + 3 }
  if (d === 0x80) return { code: buf.readUInt32BE(pos + 6), value: pos + 10 }
  const end = valueEnd(buf, pos + 1)
  const name = readValue(buf, pos + 1)
  return { code: typeof name === 'string' ? (SYMBOLIC[name] ?? -1) : -1, value: end }
}
