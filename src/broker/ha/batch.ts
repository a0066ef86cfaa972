// Queue-stream batches: one AMQP transfer carries, in order, many replicated messages (id + the
// stored bytes, unchanged) and dequeue events. Per-transfer costs (frames, dispositions, events)
// dominate at 100-byte messages, so batching per event-loop turn is what keeps replication cheap.
// Layout of the transfer's single data section: records of
//   0x01 id:u48 length:u32 bytes   (a message)
//   0x02 count:u32 id:u48...       (ids that left the queue)

const MESSAGE = 0x01
const DEQUEUE = 0x02

export type BatchRecord = { id: number; bytes: Buffer } | { dequeued: number[] }

/** Encodes records as a complete AMQP message (one data section). */
export function encodeBatch(records: BatchRecord[]): Buffer {
  let size = 0
  for (const r of records) size += 'bytes' in r ? 11 + r.bytes.length : 5 + 6 * r.dequeued.length
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
      out[o] = MESSAGE
      out.writeUIntBE(r.id, o + 1, 6)
      out.writeUInt32BE(r.bytes.length, o + 7)
      r.bytes.copy(out, o + 11)
      o += 11 + r.bytes.length
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
    if (type === MESSAGE && o + 11 <= payload.length) {
      const id = payload.readUIntBE(o + 1, 6)
      const len = payload.readUInt32BE(o + 7)
      if (o + 11 + len > payload.length) break
      out.push({ id, bytes: Buffer.from(payload.subarray(o + 11, o + 11 + len)) })
      o += 11 + len
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
