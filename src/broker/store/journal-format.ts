// Journal record framing: [u32 length][u32 crc32(payload)][payload], payload = [u8 type][body].
// Recovery reads records until the first short, oversized or CRC-failing one: that is a torn tail
// from a crash and everything from there on is cut off.
import { crc32 } from 'node:zlib'

export enum RecordType {
  QueueDeclare = 1,
  QueueDelete = 2,
  ExchangeDeclare = 3,
  ExchangeDelete = 4,
  Bind = 5,
  Unbind = 6,
  Enqueue = 7,
  Dequeue = 8,
}

const MAX_RECORD = 256 * 1024 * 1024

export function frame(type: RecordType, body: Buffer): Buffer {
  const out = Buffer.allocUnsafe(9 + body.length)
  out.writeUInt32BE(body.length + 1, 0)
  out[8] = type
  body.copy(out, 9)
  out.writeUInt32BE(crc32(out.subarray(8)), 4)
  return out
}

/** Enqueue body: [u32 queue id][f64 message id][message bytes]; built without an extra copy. */
export function frameEnqueue(queueId: number, messageId: number, bytes: Buffer): Buffer {
  const out = Buffer.allocUnsafe(9 + 12 + bytes.length)
  out.writeUInt32BE(1 + 12 + bytes.length, 0)
  out[8] = RecordType.Enqueue
  out.writeUInt32BE(queueId, 9)
  out.writeDoubleBE(messageId, 13)
  bytes.copy(out, 21)
  out.writeUInt32BE(crc32(out.subarray(8)), 4)
  return out
}

export function frameDequeue(queueId: number, messageId: number): Buffer {
  const b = Buffer.allocUnsafe(12)
  b.writeUInt32BE(queueId, 0)
  b.writeDoubleBE(messageId, 4)
  return frame(RecordType.Dequeue, b)
}

export function frameJson(type: RecordType, id: number, json: unknown): Buffer {
  const text = Buffer.from(JSON.stringify(json), 'utf8')
  const b = Buffer.allocUnsafe(4 + text.length)
  b.writeUInt32BE(id, 0)
  text.copy(b, 4)
  return frame(type, b)
}

export function frameId(type: RecordType, id: number): Buffer {
  const b = Buffer.allocUnsafe(4)
  b.writeUInt32BE(id, 0)
  return frame(type, b)
}

export interface JournalRecord {
  type: RecordType
  body: Buffer
}

/** Parses records; `validLength` is where the intact part of the file ends. */
export function readRecords(data: Buffer): { records: JournalRecord[]; validLength: number } {
  const records: JournalRecord[] = []
  let pos = 0
  while (pos + 8 <= data.length) {
    const len = data.readUInt32BE(pos)
    if (len < 1 || len > MAX_RECORD || pos + 8 + len > data.length) break
    const payload = data.subarray(pos + 8, pos + 8 + len)
    if (crc32(payload) !== data.readUInt32BE(pos + 4)) break
    records.push({ type: payload[0] as RecordType, body: payload.subarray(1) })
    pos += 8 + len
  }
  return { records, validLength: pos }
}
