// Performance: rhea writes every frame with its own socket.write() as soon as it is produced (one
// syscall per transfer), which dominated the broker's CPU profile. Frames produced in one tick are
// now written together: _write_frame only queues and schedules one output per tick, and output()
// corks the socket so the queued frames leave in a single writev.
import { expectFunction, type RheaPatch } from './patch.js'

interface BatchedConnection {
  socket?: { cork(): void; uncork(): void }
  amqp_transport: { encode(frame: unknown): void }
  outputScheduled?: boolean
  output(): void
}

export const outputBatching: RheaPatch = {
  name: 'output batching',
  check: (r) => [
    ...expectFunction(r.connection, 'Connection', 'output', { fragment: 'this.transport.write(this.socket)' }),
    ...expectFunction(r.connection, 'Connection', '_write_frame', {
      arity: 3,
      fragment: 'this.amqp_transport.encode(frames.amqp_frame(channel, frame, payload))',
    }),
    ...expectFunction(r.frames, 'frames', 'amqp_frame', { arity: 3 }),
  ],
  install(r) {
    const originalOutput = r.connection.output
    r.connection.output = function (this: BatchedConnection) {
      const socket = this.socket
      if (!socket || typeof socket.cork !== 'function') {
        originalOutput.call(this)
        return
      }
      socket.cork()
      try {
        originalOutput.call(this)
      } finally {
        socket.uncork()
      }
    }
    r.connection._write_frame = function (
      this: BatchedConnection,
      channel?: number,
      frame?: unknown,
      payload?: unknown,
    ) {
      this.amqp_transport.encode(r.frames.amqp_frame(channel, frame, payload))
      if (this.outputScheduled) return
      this.outputScheduled = true
      process.nextTick(() => {
        this.outputScheduled = false
        this.output()
      })
    }
  },
}
