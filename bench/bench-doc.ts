// Helpers for the qpid-config benchmarks: spawn-and-time, the machine line, and rewriting one
// marked section of docs/benchmarks.md.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { ROOT } from '../test/helpers/broker.js'

const TIME = '/usr/bin/time'
const timeFile = join(tmpdir(), `bench-time-${process.pid}.txt`)

/**
 * Wall time of one child process in ms, and its CPU time (user + sys, 10 ms resolution) when
 * /usr/bin/time exists: on a shared machine CPU time says more than wall time. Throws if it fails.
 */
export function wallMs(argv: string[]): { ms: number; cpuMs?: number; stdout: string } {
  const timed = existsSync(TIME) ? [TIME, '-f', '%U %S', '-o', timeFile, ...argv] : argv
  const started = performance.now()
  const r = spawnSync(timed[0], timed.slice(1), { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, timeout: 120_000 })
  const ms = performance.now() - started
  if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stdout}${r.stderr}`)
  if (timed === argv) return { ms, stdout: r.stdout }
  const [user, sys] = readFileSync(timeFile, 'utf8').trim().split(/\s+/).map(Number)
  return { ms, cpuMs: (user + sys) * 1000, stdout: r.stdout }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

export function machineLine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU'
  // The load average says how much the machine was shared during the run (CI and colleagues).
  const load = loadavg()[0].toFixed(1)
  return `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${cpu} × ${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${load} at start`
}

/** Replaces (or appends) the block between `<!-- name -->` and `<!-- /name -->`. */
export function writeSection(name: string, body: string): void {
  const file = join(ROOT, 'docs/benchmarks.md')
  const begin = `<!-- ${name} -->`
  const end = `<!-- /${name} -->`
  const block = `${begin}\n${body.trimEnd()}\n${end}`
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n'
  const at = current.indexOf(begin)
  writeFileSync(
    file,
    at === -1
      ? `${current.trimEnd()}\n\n${block}\n`
      : current.slice(0, at) + block + current.slice(current.indexOf(end) + end.length),
  )
}

export const TOOL_TABLE_HEAD = [
  '| command | wall median | wall min | wall max | tool CPU (user+sys) median | output lines | output bytes |',
  '|---|---:|---:|---:|---:|---:|---:|',
]

/** Runs `bin/<bin>.js` with `args` `runs` times; one TOOL_TABLE_HEAD row, `-b <addr>` shown as `-b <broker>`. */
export function toolRow(bin: string, args: string[], runs: number): string {
  const timed = Array.from({ length: runs }, () => wallMs([process.execPath, join(ROOT, 'bin', `${bin}.js`), ...args]))
  const out = timed[0].stdout
  const ms = timed.map((r) => r.ms)
  const cpu = timed.flatMap((r) => (r.cpuMs === undefined ? [] : [r.cpuMs]))
  const cpuText = cpu.length ? `${median(cpu).toFixed(0)} ms` : 'n/a'
  const command = `${bin} ${args.join(' ').replace(/-b \S+/, '-b <broker>')}`
  return `| \`${command}\` | ${median(ms).toFixed(0)} ms | ${Math.min(...ms).toFixed(0)} ms | ${Math.max(...ms).toFixed(0)} ms | ${cpuText} | ${out.split('\n').length - 1} | ${Buffer.byteLength(out)} |`
}
