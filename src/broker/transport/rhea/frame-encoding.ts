// Performance: rhea's write_frame() starts a new Writer (a 1024-byte allocation) for every frame and
// hands out a slice of it, which kept the garbage collector busy on the hot path. The same logic
// runs here on one reusable scratch writer, and the result is copied into an exactly-sized (pooled)
// buffer. Transfers go through the fixed encoder of fast-transfers.ts.
import { writeTransfer } from './fast-transfers.js'
import { expectFunction, type RheaPatch } from './patch.js'

interface ScratchWriter {
  buffer: Buffer
  position: number
  ensure(n: number): void
  skip(n: number): void
  write_uint(v: number, width: number): void
  write(o: unknown): void
  write_bytes(b: Buffer): void
}

interface RawFrame {
  type: number
  channel: number
  performative?: unknown
  payload?: Buffer
}

const SCRATCH = 64 * 1024

export const frameEncoding: RheaPatch = {
  name: 'frame encoding',
  check: (r) => [
    ...expectFunction(r.frames, 'frames', 'write_frame', { arity: 1, fragment: 'new types.Writer()' }),
    ...['skip', 'write_uint', 'write', 'write_bytes', 'ensure'].flatMap((k) =>
      expectFunction(r.types.Writer?.prototype, 'types.Writer', k),
    ),
    ...(r.frames.TYPE_AMQP === 0 && r.frames.TYPE_SASL === 1 ? [] : ['frames.TYPE_AMQP/TYPE_SASL differ']),
  ],
  install(r) {
    const frames = r.frames
    const Writer = r.types.Writer as new (b?: Buffer) => ScratchWriter
    const original = frames.write_frame as (f: RawFrame) => Buffer
    let w = new Writer(Buffer.allocUnsafe(SCRATCH))
    frames.write_frame = (frame: RawFrame) => {
      if (frame.type !== frames.TYPE_AMQP && frame.type !== frames.TYPE_SASL) return original(frame)
      // a huge frame grew the scratch buffer: do not keep that much memory for good
      if (w.buffer.length > 16 * SCRATCH) w = new Writer(Buffer.allocUnsafe(SCRATCH))
      w.position = 0
      w.skip(4)
      w.write_uint(2, 1)
      w.write_uint(frame.type, 1)
      w.write_uint(frame.type === frames.TYPE_AMQP ? frame.channel : 0, 2)
      if (frame.performative) {
        if (!writeTransfer(w, frame.performative)) w.write(frame.performative)
        if (frame.payload) w.write_bytes(frame.payload)
      }
      const out = Buffer.allocUnsafe(w.position)
      w.buffer.copy(out, 0, 0, w.position)
      out.writeUInt32BE(out.length, 0)
      return out
    }
  },
}
