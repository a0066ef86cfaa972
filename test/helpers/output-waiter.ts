// Waiting for what a running process printed: each chunk it prints wakes the waiters, and a
// wait fails after its bound with the output so far (no polling, no sleeps).

export interface OutputWaiter {
  /** Call after each chunk of output arrives. */
  seen(): void
  /** Resolves once `test()` holds; rejects after `timeoutMs` with `describe()` in the message. */
  waitFor(what: string, test: () => boolean, timeoutMs: number): Promise<void>
}

export function outputWaiter(describe: () => string): OutputWaiter {
  const waiters = new Set<() => void>()
  return {
    seen: () => {
      for (const w of waiters) w()
    },
    waitFor: (what, test, timeoutMs) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!test()) return
          waiters.delete(check)
          clearTimeout(timer)
          resolve()
        }
        const timer = setTimeout(() => {
          waiters.delete(check)
          reject(new Error(`timed out waiting for ${what}\n${describe()}`))
        }, timeoutMs)
        waiters.add(check)
        check()
      }),
  }
}
