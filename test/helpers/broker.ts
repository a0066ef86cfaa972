// Starts real qpidd-ref processes for tests. Each broker listens on one loopback address (127.0.0.1
// unless told another: 127.0.0.2, .3, ... stand in for other hosts) and port 0, and reports the
// port it bound on the first line of stdout (as qpidd does with --port 0); or on a given port, and
// is ready once that port accepts connections. Every broker started here is stopped by PID when
// the test ends, also when it fails.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import type { TestContext } from 'node:test'
import { realQpidd } from './real-qpidd.js'

export const ROOT = new URL('../../', import.meta.url).pathname
const BROKER_BIN = join(ROOT, 'bin/qpidd-ref.js')

export interface RunningBroker {
  port: number
  pid: number
  /** The loopback address it listens on (`--interface`). */
  host: string
  /** `<host>:<port>` */
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
  /** The loopback address to listen on (default 127.0.0.1): distinct ones model distinct hosts. */
  host?: string
  /** A fixed port instead of 0 (brokers on distinct addresses may share one). */
  port?: number
  /** The real qpidd (test/helpers/real-qpidd.ts) instead of qpidd-ref: the same options, the same port line. */
  real?: boolean
}

/** Starts one broker and registers its stop with `t.after` when a test context is given. */
export async function startBroker(t: TestContext | undefined, opts: StartOptions = {}): Promise<RunningBroker> {
  const ownDir = opts.dataDir === undefined
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'qpidd-ref-'))
  const host = opts.host ?? '127.0.0.1'
  const args = ['--port', String(opts.port ?? 0), '--interface', host, '--data-dir', dataDir, ...(opts.args ?? [])]
  const real = opts.real ? realQpidd() : undefined
  const child = real
    ? spawn(real.qpidd, [...real.args, ...args], {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, ...real.env },
      })
    : spawn(process.execPath, [...(opts.nodeArgs ?? []), BROKER_BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  let errText = ''
  child.stderr!.setEncoding('utf8')
  child.stderr!.on('data', (d: string) => {
    errText += d
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const stopByPid = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return
    // a broker a test stopped (SIGSTOP) must run again to act on SIGTERM
    child.kill('SIGCONT')
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

  const waitMs = opts.timeoutMs ?? 10000
  const ready = opts.port === undefined ? portLine(child, waitMs) : accepting(child, host, opts.port, waitMs)
  const port = await ready.catch(async (err: Error) => {
    await broker.stop!()
    throw new Error(`${err.message}: ${errText}`)
  })
  child.stdout!.resume()
  broker.port = port
  broker.host = host
  broker.address = `${host.includes(':') ? `[${host}]` : host}:${port}`
  return broker as RunningBroker
}

/** The port a broker started with --port 0 reports on its first stdout line. */
function portLine(child: ChildProcess, waitMs: number): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`qpidd-ref did not report its port within ${waitMs} ms`)), waitMs)
    const lines = createInterface({ input: child.stdout! })
    lines.once('line', (line) => {
      clearTimeout(timer)
      const n = Number(line.trim())
      if (Number.isInteger(n) && n > 0) resolve(n)
      else reject(new Error(`unexpected first line from qpidd-ref: ${JSON.stringify(line)}`))
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`qpidd-ref exited with ${code} before reporting its port`))
    })
  })
}

/** Resolves with `port` once a broker started on a fixed port accepts TCP connections there. */
async function accepting(child: ChildProcess, host: string, port: number, waitMs: number): Promise<number> {
  const deadline = Date.now() + waitMs
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error('qpidd-ref exited before listening')
    const open = await new Promise<boolean>((resolve) => {
      const s = connect({ host, port }, () => {
        s.destroy()
        resolve(true)
      })
      s.once('error', () => resolve(false))
    })
    if (open) return port
    if (Date.now() > deadline) throw new Error(`qpidd-ref did not listen on ${host}:${port} within ${waitMs} ms`)
    await new Promise((r) => setTimeout(r, 50))
  }
}
