// One broker of the local cluster: started, watched, stopped and restarted by the launcher, which
// always knows the current process of each member (a restarted one included), so that Ctrl-C
// stops every broker it started.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { BIN, runTool } from './tool-command.js'

export interface MemberConfig {
  /** 1-based, as the operator names it (`restart 2`). */
  n: number
  port: number
  dataDir: string
  brokersUrl: string
  extra: string[]
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Polls `probe` every 100 ms for at most `ms`. */
export async function until(ms: number, probe: () => boolean | Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    if (await probe()) return true
    await sleep(100)
  }
  return false
}

export class Member {
  readonly address: string
  readonly log: string
  private readonly dir: string
  child: ChildProcess | undefined
  /** Set while the launcher itself stops this member (restart, Ctrl-C): its exit is no news. */
  private stopping = false

  constructor(
    readonly config: MemberConfig,
    /** Told when the broker exits without being asked to. */
    private readonly onUnexpectedExit: (m: Member, how: string) => void,
  ) {
    this.address = `127.0.0.1:${config.port}`
    this.dir = join(config.dataDir, `broker-${config.port}`)
    this.log = join(config.dataDir, `broker-${config.port}.log`)
  }

  get pid(): number | undefined {
    return this.running() ? this.child?.pid : undefined
  }

  running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null
  }

  start(): void {
    mkdirSync(this.dir, { recursive: true })
    const args = [
      join(BIN, 'qpidd-ref.js'),
      '--port',
      String(this.config.port),
      // a local cluster listens on loopback only (qpidd's default is every interface)
      '--interface',
      '127.0.0.1',
      '--data-dir',
      this.dir,
      '--ha-cluster',
      'yes',
      '--ha-brokers-url',
      this.config.brokersUrl,
      '--link-maintenance-interval',
      '0.1',
      '--link-heartbeat-interval',
      '5',
      '--log-enable',
      'info+',
      '--log-to-file',
      this.log,
      '--log-to-stderr',
      'no',
      ...this.config.extra,
    ]
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] })
    let err = ''
    child.stderr?.on('data', (d) => {
      err += d
    })
    child.on('exit', (code, signal) => {
      if (this.stopping || this.child !== child) return
      this.onUnexpectedExit(this, `${signal ?? code}${err ? `: ${err.trim()}` : ''}`)
    })
    this.child = child
    this.stopping = false
  }

  /** Resolves once the broker answers `qpid-ha status` (false: it exited or did not within `ms`). */
  async answers(ms = 10000): Promise<boolean> {
    await until(ms, async () => !this.running() || (await this.status()) !== undefined)
    return this.running() && (await this.status()) !== undefined
  }

  /** The member's HA status word, or undefined when it does not answer. */
  async status(): Promise<string | undefined> {
    const r = await runTool('qpid-ha', ['status', '-b', this.address, '--timeout', '1'])
    return r.status === 0 ? r.stdout.trim() : undefined
  }

  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
  async stop(graceMs = 5000): Promise<void> {
    const child = this.child
    if (!child || !this.running()) return
    this.stopping = true
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    // a member someone stopped with SIGSTOP must run again to act on SIGTERM
    child.kill('SIGCONT')
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
    await gone
    clearTimeout(timer)
  }
}
