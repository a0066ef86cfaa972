// Performance: transfer frames without rhea's generic composite codec. Every message costs one transfer frame in
// each direction, and rhea builds (and for writing, wraps field by field) a typed object tree for
// each. Here incoming transfers are parsed straight from the frame bytes into a plain performative
// object (same field names, same dispatch), and outgoing transfers are written with a fixed encoder.
// Frames that look unusual (delivery state on a transfer, oversized tags) take rhea's path.
import { readValue, valueEnd } from '../../message/amqp-scan.js'
import { expectFunction, type RheaPatch } from './patch.js'

const TRANSFER = 0x14

/** An incoming transfer performative, shaped like rhea's composite for the fields rhea reads. */
class TransferIn {
  handle?: number
  delivery_id?: number
  delivery_tag?: Buffer
  message_format?: number
  settled?: boolean
  more?: boolean
  rcv_settle_mode?: number
  state?: unknown
  resume?: boolean
  aborted?: boolean
  batchable?: boolean
  dispatch(target: { on_transfer(frame: unknown): void }, frame: unknown): void {
    target.on_transfer(frame)
  }
}

const FIELDS = [
  'handle',
  'delivery_id',
  'delivery_tag',
  'message_format',
  'settled',
  'more',
  'rcv_settle_mode',
  'state',
  'resume',
  'aborted',
  'batchable',
] as const

/** Parses a transfer list at `pos` (just after the descriptor); undefined = let rhea do it. */
function parseTransfer(buf: Buffer, pos: number, end: number): { perf: TransferIn; next: number } | undefined {
  const code = buf[pos]
  let count: number
  let p: number
  if (code === 0x45) {
    count = 0
    p = pos + 1
  } else if (code === 0xc0) {
    count = buf[pos + 2]
    p = pos + 3
  } else if (code === 0xd0) {
    count = buf.readUInt32BE(pos + 5)
    p = pos + 9
  } else return undefined
  const perf = new TransferIn()
  const t = perf as unknown as Record<string, unknown>
  for (let i = 0; i < count; i++) {
    if (p >= end) throw new RangeError('truncated transfer')
    if (i >= FIELDS.length || buf[p] === 0x00) return undefined // extension fields or a described state
    const v = readValue(buf, p)
    if (v !== undefined) t[FIELDS[i]] = v
    p = valueEnd(buf, p)
  }
  if (p > end) throw new RangeError('truncated transfer')
  return { perf, next: p }
}

/** A transfer to write, as created by Outgoing.process (those six fields only). */
class TransferOut {
  constructor(readonly f: Record<string, unknown>) {}
  /** Generic form, for any writer that does not know this class. */
  described(): unknown {
    return realTransfer(this.f).described()
  }
}

let realTransfer: (f: Record<string, unknown>) => { described(): unknown }

interface Writer {
  buffer: Buffer
  position: number
  ensure(n: number): void
}

function putUint(w: Writer, v: unknown): void {
  const b = w.buffer
  if (v === undefined || v === null) b[w.position++] = 0x40
  else if (v === 0) b[w.position++] = 0x43
  else if ((v as number) < 256) {
    b[w.position++] = 0x52
    b[w.position++] = v as number
  } else {
    b[w.position++] = 0x70
    b.writeUInt32BE(v as number, w.position)
    w.position += 4
  }
}

function putBool(w: Writer, v: unknown): void {
  w.buffer[w.position++] = v === undefined || v === null ? 0x40 : v ? 0x41 : 0x42
}

/** Writes a TransferOut performative; false if it has fields this encoder does not handle. */
export function writeTransfer(w: Writer, perf: unknown): boolean {
  if (!(perf instanceof TransferOut)) return false
  const f = perf.f
  const tag = f.delivery_tag as Buffer | undefined
  if (tag && tag.length > 32) return false
  for (const k of Object.keys(f))
    if (!['handle', 'delivery_id', 'delivery_tag', 'message_format', 'settled', 'more'].includes(k)) return false
  w.ensure(w.position + 80)
  const b = w.buffer
  b[w.position++] = 0x00
  b[w.position++] = 0x53
  b[w.position++] = TRANSFER
  b[w.position++] = 0xc0
  const sizeAt = w.position++
  b[w.position++] = 6
  putUint(w, f.handle)
  putUint(w, f.delivery_id)
  if (tag) {
    b[w.position++] = 0xa0
    b[w.position++] = tag.length
    tag.copy(b, w.position)
    w.position += tag.length
  } else b[w.position++] = 0x40
  putUint(w, f.message_format)
  putBool(w, f.settled)
  putBool(w, f.more)
  b[sizeAt] = w.position - sizeAt - 1
  return true
}

export const fastTransfers: RheaPatch = {
  name: 'fast transfers',
  check: (r) => [
    ...expectFunction(r.frames, 'frames', 'read_frame', { arity: 1 }),
    ...expectFunction(r.frames, 'frames', 'transfer', { arity: 1 }),
    ...(r.frames.TYPE_AMQP === 0 ? [] : ['frames.TYPE_AMQP is not 0']),
  ],
  install(r) {
    const frames = r.frames
    realTransfer = frames.transfer
    frames.transfer = (f: Record<string, unknown>) => new TransferOut(f)
    const originalRead = frames.read_frame
    frames.read_frame = (buf: Buffer) => {
      if (buf.length >= 11) {
        const size = buf.readUInt32BE(0)
        const doff = buf[4]
        const p = doff * 4
        if (
          buf.length >= size &&
          doff >= 2 &&
          buf[5] === frames.TYPE_AMQP &&
          buf[p] === 0x00 &&
          buf[p + 1] === 0x53 &&
          buf[p + 2] === TRANSFER
        ) {
          const t = parseTransfer(buf, p + 3, size)
          if (t) {
            return {
              size,
              type: frames.TYPE_AMQP,
              channel: buf.readUInt16BE(6),
              performative: t.perf,
              payload: t.next < size ? buf.subarray(t.next, size) : undefined,
            }
          }
        }
      }
      return originalRead(buf)
    }
  },
}
