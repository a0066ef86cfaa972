// `qpid-stat -q` against a broker holding 10,000 queues, beside `qpid-config queues` on the same
// broker, in one run. Both are the real executables, spawned as an operator would run them; the
// table gives wall times (median of RUNS) and output size, and replaces this benchmark's section
// of docs/benchmarks.md.
// Run: npm run build && node --import tsx bench/stat-10k.ts
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { join } from 'node:path'
import { BrokerAgent, parseBrokerUrl } from '../src/qmf/index.js'
import { ROOT, startBroker } from '../test/helpers/broker.js'

const QUEUES = Number(process.env.QUEUES ?? 10_000)
const RUNS = Number(process.env.RUNS ?? 5)
const CONCURRENCY = 200
const SECTION = 'stat-10k'

async function createQueues(port: number): Promise<number> {
  const started = performance.now()
  const agent = await BrokerAgent.connect({
    url: parseBrokerUrl(`127.0.0.1:${port}`),
    timeoutMs: 10_000,
    replyTimeoutMs: 60_000,
    clientProcess: 'bench-stat-10k',
  })
  try {
    let next = 0
    const worker = async () => {
      while (next < QUEUES) {
        const i = next++
        await agent.callMethod('org.apache.qpid.broker:broker:amqp-broker', 'create', {
          type: 'queue',
          name: `bench-q-${String(i).padStart(5, '0')}`,
          strict: true,
          properties: {},
        })
      }
    }
    await Promise.all(Array.from({ length: CONCURRENCY }, worker))
  } finally {
    agent.close()
  }
  return performance.now() - started
}

interface Timing {
  command: string
  medianMs: number
  minMs: number
  maxMs: number
  lines: number
  bytes: number
}

function time(bin: string, args: string[]): Timing {
  const walls: number[] = []
  let stdout = ''
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now()
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', `${bin}.js`), ...args], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      timeout: 120_000,
    })
    walls.push(performance.now() - started)
    if (r.status !== 0) throw new Error(`${bin} ${args.join(' ')} exited ${r.status}: ${r.stdout}${r.stderr}`)
    stdout = r.stdout
  }
  walls.sort((a, b) => a - b)
  return {
    command: `${bin} ${args.join(' ').replace(/^-b \S+ /, '-b <broker> ')}`,
    medianMs: walls[Math.floor(walls.length / 2)],
    minMs: walls[0],
    maxMs: walls[walls.length - 1],
    lines: stdout.split('\n').length - 1,
    bytes: Buffer.byteLength(stdout),
  }
}

function table(rows: Timing[]): string {
  const head = '| command | median | min | max | output lines | output bytes |\n|---|---:|---:|---:|---:|---:|\n'
  const ms = (n: number) => `${n.toFixed(0)} ms`
  return (
    head +
    rows
      .map(
        (r) => `| \`${r.command}\` | ${ms(r.medianMs)} | ${ms(r.minMs)} | ${ms(r.maxMs)} | ${r.lines} | ${r.bytes} |`,
      )
      .join('\n')
  )
}

function writeSection(body: string): void {
  const file = join(ROOT, 'docs/benchmarks.md')
  const begin = `<!-- ${SECTION} -->`
  const end = `<!-- /${SECTION} -->`
  const block = `${begin}\n${body}\n${end}`
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n'
  const at = current.indexOf(begin)
  const next =
    at === -1
      ? `${current.trimEnd()}\n\n${block}\n`
      : current.slice(0, at) + block + current.slice(current.indexOf(end) + end.length)
  writeFileSync(file, next)
}

const broker = await startBroker(undefined, { timeoutMs: 20_000 })
try {
  const setupMs = await createQueues(broker.port)
  const b = ['-b', broker.address]
  const rows = [time('qpid-stat', [...b, '-q']), time('qpid-config', [...b, 'queues']), time('qpid-stat', [...b, '-g'])]
  const out = table(rows)
  console.log(out)
  const cpu = cpus()[0]?.model ?? 'unknown CPU'
  writeSection(
    [
      `## qpid-stat -q with ${QUEUES.toLocaleString('en-US')} queues`,
      '',
      `${new Date().toISOString().slice(0, 10)}, ${cpu} × ${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}.`,
      `Command: \`npm run build && node --import tsx bench/stat-10k.ts\` (one qpidd-ref on 127.0.0.1, ${QUEUES} queues`,
      `declared over QMF in ${(setupMs / 1000).toFixed(1)} s; each tool spawned ${RUNS} times, wall time per run).`,
      '',
      out,
    ].join('\n'),
  )
} finally {
  await broker.stop()
}
