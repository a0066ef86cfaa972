// A long-running tool (a --watch) read through a pipe: the test waits for what it printed, then
// interrupts it (SIGINT, as Ctrl-C would) and collects the exit. Killed by pid when the test ends.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import type { TestContext } from 'node:test'
import { ROOT } from './broker.js'
import { outputWaiter } from './output-waiter.js'

export interface Piped {
  stdout(): string
  stderr(): string
  waitFor(what: string, test: (stdout: string) => boolean, timeoutMs?: number): Promise<void>
  /** Sends SIGINT and resolves with the exit code. */
  interrupt(): Promise<number | null>
}

export function startPiped(t: TestContext, bin: string, args: string[]): Piped {
  const child = spawn(process.execPath, [join(ROOT, 'bin', `${bin}.js`), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  const waiter = outputWaiter(() => `stdout: ${out}\nstderr: ${err}`)
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    out += d
    waiter.seen()
  })
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    err += d
  })
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)))
  t.after(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  })
  return {
    stdout: () => out,
    stderr: () => err,
    interrupt: () => {
      child.kill('SIGINT')
      return exited
    },
    waitFor: (what, test, timeoutMs = 15000) => waiter.waitFor(what, () => test(out), timeoutMs),
  }
}

/** Stops a process with SIGSTOP until the returned function (also run when the test ends) continues it. */
export function suspend(t: TestContext, pid: number): () => void {
  process.kill(pid, 'SIGSTOP')
  let continued = false
  const resume = () => {
    if (continued) return
    continued = true
    try {
      process.kill(pid, 'SIGCONT')
    } catch {
      // already gone
    }
  }
  t.after(resume)
  return resume
}
