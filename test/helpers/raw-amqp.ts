// A raw AMQP 1.0 peer for tests that need frames to reach the broker in one read (one socket write)
// or need to see the broker's frames in the order it wrote them. Frames are built and read with
// rhea's own (unpatched, in the test process) frame codec.
import { createRequire } from 'node:module'
import { type Socket, connect as tcpConnect } from 'node:net'

const require = createRequire(import.meta.url)
export const frames = require('rhea/lib/frames.js') as any
export const terminus = require('rhea/lib/terminus.js') as any

export const AMQP_HEADER = Buffer.from([0x41, 0x4d, 0x51, 0x50, 0, 1, 0, 0])
export const ATTACH = 0x12
export const FLOW = 0x13
export const TRANSFER = 0x14
export const DISPOSITION = 0x15

/** An encoded frame on channel 0 carrying `performative` (a rhea composite) and an optional payload. */
export function frame(performative: { described(): unknown }, payload?: Buffer): Buffer {
  return frames.write_frame(frames.amqp_frame(0, performative.described(), payload))
}

export interface ReadFrame {
  code: number
  performative: Record<string, any>
}

/** The AMQP frames in `data` (after the 8-byte protocol header), in order. */
export function readFrames(data: Buffer): ReadFrame[] {
  const out: ReadFrame[] = []
  for (let pos = 8; pos + 8 <= data.length; ) {
    const size = data.readUInt32BE(pos)
    if (pos + size > data.length) break
    const body = pos + data[pos + 4] * 4
    // a described performative: 0x00, then its descriptor as a smallulong (0x53 <code>)
    if (size > 8 && data[body] === 0x00 && data[body + 1] === 0x53)
      out.push({ code: data[body + 2], performative: frames.read_frame(data.subarray(pos, pos + size)).performative })
    pos += size
  }
  return out
}

/** A TCP connection to the broker that collects everything it receives. */
export class RawPeer {
  private readonly socket: Socket
  private data = Buffer.alloc(0)
  private waiter?: () => void

  constructor(port: number) {
    this.socket = tcpConnect({ host: '127.0.0.1', port })
    this.socket.on('data', (d: Buffer) => {
      this.data = Buffer.concat([this.data, d])
      this.waiter?.()
    })
    this.socket.on('error', () => {})
  }

  /** Writes `parts` with one socket write, so the broker reads them together. */
  write(...parts: Buffer[]): void {
    this.socket.write(Buffer.concat(parts))
  }

  /** Resolves with the frames received so far once `done(frames)` holds; fails after `ms`. */
  until(done: (f: ReadFrame[]) => boolean, what: string, ms = 5000): Promise<ReadFrame[]> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const f = readFrames(this.data)
        if (!done(f)) return false
        clearTimeout(timer)
        this.waiter = undefined
        resolve(f)
        return true
      }
      const timer = setTimeout(() => {
        this.waiter = undefined
        reject(new Error(`${what}: not within ${ms} ms; frames ${readFrames(this.data).map((f) => f.code)}`))
      }, ms)
      this.waiter = check
      check()
    })
  }

  close(): void {
    this.socket.destroy()
  }
}
