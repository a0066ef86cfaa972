// Starts real qpidd-ref processes for tests. Each broker binds 127.0.0.1 port 0 and reports the
// port it bound on the first line of stdout (as qpidd does with --port 0). Every broker started
// here is stopped by PID when the test ends, also when it fails.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import type { TestContext } from 'node:test'

export const ROOT = new URL('../../', import.meta.url).pathname
const BROKER_BIN = join(ROOT, 'bin/qpidd-ref.js')

export interface RunningBroker {
  port: number
  pid: number
  /** `127.0.0.1:<port>` */
  address: string
  dataDir: string
  process: ChildProcess
  /** Everything the broker wrote to stderr so far (logs), for assertion messages. */
  stderr(): string
  /** SIGTERM, then SIGKILL after 3 s; resolves when the process is gone. */
  stop(): Promise<void>
  /** SIGKILL at once (simulates a crash). */
  kill(): Promise<void>
}

export interface StartOptions {
  args?: string[]
  /** Reuse a data directory (restart); by default a fresh temporary one is made and removed. */
  dataDir?: string
  /** Milliseconds to wait for the port line. */
  timeoutMs?: number
  /** Options for node itself, e.g. `--expose-gc` (benchmarks). */
  nodeArgs?: string[]
}

/** Starts one broker and registers its stop with `t.after` when a test context is given. */
export async function startBroker(t: TestContext | undefined, opts: StartOptions = {}): Promise<RunningBroker> {
  const ownDir = opts.dataDir === undefined
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'qpidd-ref-'))
  const child = spawn(
    process.execPath,
    [...(opts.nodeArgs ?? []), BROKER_BIN, '--port', '0', '--data-dir', dataDir, ...(opts.args ?? [])],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let errText = ''
  child.stderr!.setEncoding('utf8')
  child.stderr!.on('data', (d: string) => {
    errText += d
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const stopByPid = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill(signal)
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000)
    await exited
    clearTimeout(timer)
  }
  const broker: Partial<RunningBroker> = {
    pid: child.pid!,
    dataDir,
    process: child,
    stderr: () => errText,
    stop: async () => {
      await stopByPid('SIGTERM')
      if (ownDir) rmSync(dataDir, { recursive: true, force: true })
    },
    kill: () => stopByPid('SIGKILL'),
  }
  t?.after(() => broker.stop!())

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`qpidd-ref did not report its port within ${opts.timeoutMs ?? 10000} ms: ${errText}`)),
      opts.timeoutMs ?? 10000,
    )
    const lines = createInterface({ input: child.stdout! })
    lines.once('line', (line) => {
      clearTimeout(timer)
      const n = Number(line.trim())
      if (Number.isInteger(n) && n > 0) resolve(n)
      else reject(new Error(`unexpected first line from qpidd-ref: ${JSON.stringify(line)}`))
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`qpidd-ref exited with ${code} before reporting its port: ${errText}`))
    })
  }).catch(async (err) => {
    await broker.stop!()
    throw err
  })
  child.stdout!.resume()
  broker.port = port
  broker.address = `127.0.0.1:${port}`
  return broker as RunningBroker
}
