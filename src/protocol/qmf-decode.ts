// Typed decoding of QMF message bodies. rhea's default unwrapping loses AMQP types: binary and
// uuid both become Buffers, and ulongs above 2^53 (nanosecond timestamps) become raw 8-byte
// Buffers. qpidd sends almost every string as binary (golden/qmf-amqp10-wire.md §4), so the
// console needs the types to render values as the Python tools do.
import rhea from 'rhea'
import { PythonError } from './errors.js'
import { type QmfMap, type QmfValue, Uuid } from './qmf-types.js'
import { PINNED_RHEA_VERSION, RHEA_VERSION } from './rhea-pin.js'

interface Typed {
  type: { name: string }
  value: unknown
  descriptor?: unknown
}

function isTyped(o: unknown): o is Typed {
  return typeof o === 'object' && o !== null && 'type' in o && typeof (o as Typed).type?.name === 'string'
}

function bigToNumber(b: Buffer, signed: boolean): number {
  return Number(signed ? b.readBigInt64BE(0) : b.readBigUInt64BE(0))
}

/** Converts one rhea Typed tree into plain values: binary → UTF-8 string, uuid → Uuid, 64-bit → number. */
export function fromTyped(t: unknown): QmfValue {
  if (!isTyped(t)) return (t ?? null) as QmfValue
  const name = t.type.name
  const v = t.value
  switch (name) {
    case 'Vbin8':
    case 'Vbin32':
      return (v as Buffer).toString('utf8')
    case 'Uuid':
      return new Uuid(Buffer.from(v as Buffer))
    case 'Ulong':
    case 'Long':
    case 'Timestamp':
      return Buffer.isBuffer(v) ? bigToNumber(v, name !== 'Ulong') : (v as number)
    case 'Map8':
    case 'Map32': {
      const items = v as unknown[]
      const out: QmfMap = {}
      for (let i = 0; i + 1 < items.length; i += 2) out[String(fromTyped(items[i]))] = fromTyped(items[i + 1])
      return out
    }
    case 'List0':
    case 'List8':
    case 'List32':
    case 'Array8':
    case 'Array32':
      return ((v as unknown[]) ?? []).map(fromTyped)
    case 'Null':
      return null
    default:
      return v as QmfValue
  }
}

const AMQP_VALUE = 0x77

interface RheaCodec {
  version?: string
  message?: { decode?: unknown }
  Reader?: { prototype?: { read?: unknown; remaining?: unknown } }
}

/**
 * What installTypedBodyDecoding relies on in rhea, missing or different (empty: all there): the
 * message module's `decode(buffer)`, looked up at call time, and the types module's Reader. Only
 * the pinned release (package.json) is known to have them.
 */
export function typedDecodingProblems(r: RheaCodec, pinned: string): string[] {
  const problems: string[] = []
  if (r.version !== pinned) problems.push(`version ${r.version} is not the pinned ${pinned}`)
  if (typeof r.message?.decode !== 'function' || r.message.decode.length !== 1)
    problems.push('message.decode(buffer) missing')
  if (typeof r.Reader?.prototype?.read !== 'function' || typeof r.Reader.prototype.remaining !== 'function')
    problems.push('types.Reader with read() and remaining() missing')
  return problems
}

let installed = false
/**
 * Makes rhea decode amqp-value bodies with `fromTyped` for this process. rhea decodes transfers
 * through `message.decode`, looked up at call time, so wrapping it is enough. Only the tools
 * install this; the broker keeps rhea's default decoding. Throws, before changing anything, when
 * the rhea in use lacks what this relies on.
 */
export function installTypedBodyDecoding(): void {
  if (installed) return
  const messageModule = (rhea as unknown as { message: { decode(b: Buffer): any } }).message
  const Reader = (rhea.types as any).Reader
  const problems = typedDecodingProblems({ version: RHEA_VERSION, message: messageModule, Reader }, PINNED_RHEA_VERSION)
  if (problems.length > 0) {
    throw new PythonError(
      'Exception',
      `rhea ${RHEA_VERSION} does not have what typed QMF decoding needs: ${problems.join('; ')}`,
    )
  }
  installed = true
  const original = messageModule.decode
  messageModule.decode = (buffer: Buffer) => {
    const reader = new Reader(buffer)
    while (reader.remaining()) {
      const start = reader.position
      const section = reader.read()
      const d = section.descriptor?.value
      if (d !== AMQP_VALUE && d !== 'amqp:value:*') continue
      // rhea decodes the other sections; the body (the bulk of a large QMF reply) is decoded only
      // here, once. The section is itself the typed value (e.g. Map32), with a descriptor.
      const msg = original(Buffer.concat([buffer.subarray(0, start), buffer.subarray(reader.position)]))
      msg.body = fromTyped(section)
      return msg
    }
    return original(buffer)
  }
}
