// Failover of a real 3-broker qpidd-ref HA cluster under a running sender/receiver pair, shared by
// the end-to-end test and bench/failover.ts. The cluster manager's part is played with the real
// tools: `qpid-ha status` until the chosen backup says ready, then `qpid-ha --cluster-manager
// promote`, right after `kill -9` of the primary.
import { type ChildProcess, spawn } from 'node:child_process'
import { join } from 'node:path'
import type { TestContext } from 'node:test'
import { ROOT } from './broker.js'
import { activeCluster, type Cluster } from './ha-cluster.js'
import { run } from './run.js'

export interface Tool {
  child: ChildProcess
  /** stdout lines so far, each with the time it arrived (performance.now()). */
  lines: { at: number; text: string }[]
  stderr(): string
  /** Resolves when a stdout line matches. */
  waitLine(re: RegExp, timeoutMs: number): Promise<{ at: number; text: string }>
  exited: Promise<number | null>
}

/** Starts bin/<name>.js; it is killed by PID when the test ends. */
export function startTool(t: TestContext, name: string, args: string[]): Tool {
  const child = spawn(process.execPath, [join(ROOT, 'bin', `${name}.js`), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  t.after(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  })
  const lines: Tool['lines'] = []
  const waiters = new Set<() => void>()
  let err = ''
  let partial = ''
  child.stdout!.setEncoding('utf8').on('data', (d: string) => {
    const parts = (partial + d).split('\n')
    partial = parts.pop()!
    for (const text of parts) lines.push({ at: performance.now(), text })
    for (const w of waiters) w()
  })
  child.stderr!.setEncoding('utf8').on('data', (d: string) => {
    err += d
  })
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)))
  const waitLine = (re: RegExp, timeoutMs: number) =>
    new Promise<{ at: number; text: string }>((resolve, reject) => {
      const check = () => {
        const hit = lines.find((l) => re.test(l.text))
        if (!hit) return false
        waiters.delete(check)
        clearTimeout(timer)
        resolve(hit)
        return true
      }
      const timer = setTimeout(() => {
        waiters.delete(check)
        reject(
          new Error(
            `${name}: no line matching ${re} within ${timeoutMs} ms\nstdout: ${lines.map((l) => l.text).join('\n')}\nstderr: ${err}`,
          ),
        )
      }, timeoutMs)
      if (!check()) waiters.add(check)
    })
  return { child, lines, stderr: () => err, waitLine, exited }
}

/** An active cluster of three with queue `queue` replicated (`--replicate all`) and both backups ready. */
export async function clusterWithQueue(t: TestContext, queue: string): Promise<Cluster> {
  const cluster = await activeCluster(t, 3)
  const primary = cluster.brokers[0].address
  const r = await run('qpid-config', ['-b', primary, 'add', 'queue', queue, '--replicate', 'all'])
  if (r.code !== 0) throw new Error(`qpid-config add queue failed: ${r.stderr}`)
  for (const b of cluster.brokers.slice(1)) await waitReady(b.address, 10_000)
  return cluster
}

/** Polls `qpid-ha status` until it prints `ready`. */
export async function waitReady(address: string, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs
  for (;;) {
    const r = await run('qpid-ha', ['status', '-b', address], { timeoutMs })
    if (r.stdout.trim() === 'ready') return
    if (performance.now() > deadline) throw new Error(`${address} not ready: ${r.stdout}${r.stderr}`)
  }
}

export async function promote(address: string): Promise<void> {
  const r = await run('qpid-ha', ['--cluster-manager', 'promote', '-b', address])
  if (r.code !== 0) throw new Error(`qpid-ha promote -b ${address} failed (${r.code}): ${r.stdout}${r.stderr}`)
}
