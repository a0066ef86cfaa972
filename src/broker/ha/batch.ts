// Queue-stream batches: one AMQP transfer carries, in order, many replicated messages (id + the
// stored bytes, unchanged) and dequeue events. Per-transfer costs (frames, dispositions, events)
// dominate at 100-byte messages, so batching per event-loop turn is what keeps replication cheap.
// Layout of the transfer's single data section: records of
//   0x01 id:u48 length:u32 bytes                  (a message)
//   0x02 count:u32 id:u48...                      (ids that left the queue)
//   0x03 id:u48 ttl:u48 length:u32 bytes          (a message that expires: its remaining time, ms)
// The remaining time, not the primary's clock: the backup's own clock then expires the copy when
// the primary would have, as qpidd sends a message's remaining TTL.

const MESSAGE = 0x01
const DEQUEUE = 0x02
const EXPIRING = 0x03
const TTL_MAX = 2 ** 48 - 1

export type BatchRecord = { id: number; bytes: Buffer; ttl?: number } | { dequeued: number[] }

const messageHeader = (r: { ttl?: number }) => (r.ttl === undefined ? 11 : 17)

/** Encodes records as a complete AMQP message (one data section). */
export function encodeBatch(records: BatchRecord[]): Buffer {
  let size = 0
  for (const r of records) size += 'bytes' in r ? messageHeader(r) + r.bytes.length : 5 + 6 * r.dequeued.length
  const out = Buffer.allocUnsafe(8 + size)
  // described data section: 0x00 smallulong 0x75, vbin32
  out[0] = 0x00
  out[1] = 0x53
  out[2] = 0x75
  out[3] = 0xb0
  out.writeUInt32BE(size, 4)
  let o = 8
  for (const r of records) {
    if ('bytes' in r) {
      out[o] = r.ttl === undefined ? MESSAGE : EXPIRING
      out.writeUIntBE(r.id, o + 1, 6)
      if (r.ttl !== undefined) out.writeUIntBE(Math.min(TTL_MAX, Math.max(1, Math.round(r.ttl))), o + 7, 6)
      const h = messageHeader(r)
      out.writeUInt32BE(r.bytes.length, o + h - 4)
      r.bytes.copy(out, o + h)
      o += h + r.bytes.length
    } else {
      out[o] = DEQUEUE
      out.writeUInt32BE(r.dequeued.length, o + 1)
      o += 5
      for (const id of r.dequeued) {
        out.writeUIntBE(id, o, 6)
        o += 6
      }
    }
  }
  return out
}

/** The data section payload of a received batch message, or undefined if it is not one. */
export function batchPayload(message: Buffer, bodyOffset: number): Buffer | undefined {
  const b = message.subarray(bodyOffset)
  if (b.length < 5 || b[0] !== 0x00 || b[1] !== 0x53 || b[2] !== 0x75) return undefined
  if (b[3] === 0xb0 && b.length >= 8) return b.subarray(8, 8 + b.readUInt32BE(4))
  if (b[3] === 0xa0) return b.subarray(5, 5 + b[4])
  return undefined
}

/** Decodes records; message bytes are copied so a stored message does not pin the batch. */
export function decodeBatch(payload: Buffer): BatchRecord[] {
  const out: BatchRecord[] = []
  let o = 0
  while (o < payload.length) {
    const type = payload[o]
    const h = type === EXPIRING ? 17 : 11
    if ((type === MESSAGE || type === EXPIRING) && o + h <= payload.length) {
      const id = payload.readUIntBE(o + 1, 6)
      const len = payload.readUInt32BE(o + h - 4)
      if (o + h + len > payload.length) break
      const bytes = Buffer.from(payload.subarray(o + h, o + h + len))
      out.push(type === EXPIRING ? { id, bytes, ttl: payload.readUIntBE(o + 7, 6) } : { id, bytes })
      o += h + len
    } else if (type === DEQUEUE && o + 5 <= payload.length) {
      const n = payload.readUInt32BE(o + 1)
      if (o + 5 + 6 * n > payload.length) break
      const ids: number[] = []
      for (let i = 0; i < n; i++) ids.push(payload.readUIntBE(o + 5 + 6 * i, 6))
      out.push({ dequeued: ids })
      o += 5 + 6 * n
    } else break
  }
  return out
}
