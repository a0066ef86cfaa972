// QMF value encoding as qpidd puts it on the wire over AMQP 1.0 (golden/qmf-amqp10-wire.md):
// string values are AMQP binary, map keys are strings, integers keep their schema width, UUIDs are
// AMQP uuid, timestamps are ulong nanoseconds. JS numbers are never left to rhea's guessing.
import rhea from 'rhea'

export type Typed = any
const t = rhea.types as Typed

export const str = (s: string): Typed => t.wrap_binary(Buffer.from(s, 'utf8'))
export const bool = (b: boolean): Typed => t.wrap_boolean(b)
export const u8 = (n: number): Typed => t.wrap_ubyte(n)
export const u16 = (n: number): Typed => t.wrap_ushort(n)
export const u32 = (n: number): Typed => t.wrap_uint(Math.max(0, Math.floor(n)) >>> 0)
export const i32 = (n: number): Typed => t.wrap_int(n | 0)
export const i64 = (n: number): Typed => t.wrap_long(Math.trunc(n))

/** ulong; values beyond 2^53 (nanosecond timestamps) are encoded from a BigInt. */
export function u64(n: number | bigint): Typed {
  const v = typeof n === 'bigint' ? n : BigInt(Math.max(0, Math.floor(n)))
  if (v <= BigInt(Number.MAX_SAFE_INTEGER)) return t.wrap_ulong(Number(v))
  const b = Buffer.alloc(8)
  b.writeBigUInt64BE(v)
  return t.wrap_ulong(b)
}

/** Milliseconds since the epoch → ulong nanoseconds. */
export const ns = (ms: number): Typed => u64(BigInt(Math.floor(ms)) * 1_000_000n)
export const uuid = (s: string): Typed => t.wrap_uuid(Buffer.from(s.replace(/-/g, ''), 'hex'))

/** A map with string keys, written in sorted key order as qpidd does. */
export function map(m: Record<string, Typed>): Typed {
  const items: Typed[] = []
  for (const k of Object.keys(m).sort()) {
    if (m[k] === undefined) continue
    items.push(t.wrap_string(k), m[k])
  }
  return t.Map32(items)
}

export const list = (l: Typed[]): Typed => t.wrap_list(l)

/** Object reference (objId): `{_object_name: <name>}`. */
export const ref = (objectName: string): Typed => map({ _object_name: str(objectName) })

/**
 * A user-supplied value stored verbatim (queue/exchange/binding arguments): strings become binary
 * as in qpidd's replies, integers int64, other numbers double, nested maps/lists recursively.
 */
export function value(v: unknown): Typed {
  if (v === null || v === undefined) return t.Null()
  if (typeof v === 'string') return str(v)
  if (typeof v === 'boolean') return bool(v)
  if (typeof v === 'number') return Number.isInteger(v) ? i64(v) : t.wrap_double(v)
  if (typeof v === 'bigint') return t.wrap_long(Number(v))
  if (Buffer.isBuffer(v)) return t.wrap_binary(v)
  if (Array.isArray(v)) return list(v.map(value))
  if (typeof v === 'object') {
    if (typeof (v as Typed).toRheaTyped === 'function') return v
    const out: Record<string, Typed> = {}
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = value(x)
    return map(out)
  }
  return str(String(v))
}
