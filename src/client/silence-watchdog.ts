// Detects a hung broker (SIGSTOP, dead network path) whose TCP connection stays open. We ask the
// broker for heartbeats (AMQP idle-time-out) and declare it dead after `limitMs` without one
// byte from it. rhea's own idle check would fire only at twice its advertised idle-time-out and
// then wait another second for a close reply, so the bound is enforced here.
import type { Socket } from 'node:net'

/** Calls `onSilent` once when `socket` has received nothing for `limitMs`; returns a stop function. */
export function watchSilence(socket: Socket, limitMs: number, onSilent: () => void): () => void {
  let last = performance.now()
  const touch = () => {
    last = performance.now()
  }
  socket.on('data', touch)
  let stopped = false
  const stop = () => {
    stopped = true
    clearInterval(timer)
    socket.off('data', touch)
  }
  // Checking at 1/8 of the limit keeps the detection within 1.125x the limit.
  const timer = setInterval(
    () => {
      if (performance.now() - last < limitMs) return
      // If this process itself was blocked, data may be waiting in the socket: setImmediate runs
      // after the next poll phase has delivered it, so only a really silent broker is declared dead.
      setImmediate(() => {
        if (performance.now() - last < limitMs || stopped) return
        stop()
        onSilent()
      })
    },
    Math.max(10, limitMs / 8),
  )
  timer.unref()
  return stop
}
