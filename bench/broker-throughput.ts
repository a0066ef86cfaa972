// qpidd-ref throughput and memory: 100-byte messages through one queue with one sender and one
// concurrent receiver (separate processes, as qpid-send/qpid-receive in golden/perf.md), durable
// messages through the journal, and broker RSS per queued message.
// Run: npm run build && node --import tsx bench/broker-throughput.ts
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import rhea from 'rhea'
import { close, connect, method, qmfSession } from '../test/e2e/broker-helpers.js'
import { ROOT, type RunningBroker, startBroker } from '../test/helpers/broker.js'
import { machineLine, median, writeSection } from './bench-doc.js'

const COUNT = Number(process.env.BENCH_COUNT ?? 100_000)
const SIZE = 100

function peer(args: string[]): Promise<{ ms: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bench/broker-peer.mjs'), ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let out = ''
    child.stdout.on('data', (d) => {
      out += d
    })
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').pop() as string))
        : reject(new Error(`peer ${args[0]} exited ${code}`)),
    )
  })
}

/** CPU time (user + system) a process has used so far, in ms. */
function cpuMs(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
  return (Number(f[11]) + Number(f[12])) * 10
}

function rssKb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return m ? Number(m[1]) : 0
}

async function declare(b: RunningBroker, name: string, props: Record<string, unknown> = {}): Promise<void> {
  const conn = await connect(b.port)
  const q = await qmfSession(conn)
  await method(q, 'create', { type: 'queue', name, properties: props })
  await close(conn)
}

/** End-to-end rate (process start-up included) and the receiver's own rate (from its connection open). */
async function throughput(b: RunningBroker, queue: string, durable: boolean): Promise<[number, number, number]> {
  const cpu0 = cpuMs(b.pid)
  const started = performance.now()
  const receiving = peer(['receive', String(b.port), queue, String(COUNT)])
  const sending = peer(['send', String(b.port), queue, String(COUNT), String(SIZE), durable ? 'durable' : ''])
  const [r] = await Promise.all([receiving, sending])
  const wall = performance.now() - started
  return [COUNT / (wall / 1000), COUNT / (r.ms / 1000), ((cpuMs(b.pid) - cpu0) * 1000) / COUNT]
}

const fmt = (x: number) => Math.round(x).toLocaleString('en-US')

function row(label: string, runs: [number, number, number][]): string {
  const cpu = median(runs.map((r) => r[2]))
  return `| ${label} | ${runs.map((r) => fmt(r[0])).join(' / ')} | ${fmt(median(runs.map((r) => r[0])))} | ${fmt(median(runs.map((r) => r[1])))} | ${cpu.toFixed(1)} µs (≈ ${fmt(1e6 / cpu)} msg/s per core) |`
}

async function main(): Promise<void> {
  const rows: string[] = []
  const b = await startBroker(undefined)
  try {
    await declare(b, 'tp')
    await declare(b, 'tp-durable', { durable: true })
    const plain: [number, number, number][] = []
    for (let i = 0; i < 3; i++) plain.push(await throughput(b, 'tp', false))
    const durable: [number, number, number][] = []
    for (let i = 0; i < 3; i++) durable.push(await throughput(b, 'tp-durable', true))
    rows.push(row('transient, 1 sender + 1 receiver', plain))
    rows.push(row('durable messages on a durable queue (journal, fdatasync per batch)', durable))

    // memory: fill a queue with no consumer, compare RSS
    await declare(b, 'fill')
    await new Promise((r) => setTimeout(r, 500))
    const before = rssKb(b.pid)
    const fill = 200_000
    await peer(['send', String(b.port), 'fill', String(fill), String(SIZE), ''])
    await new Promise((r) => setTimeout(r, 1000))
    const after = rssKb(b.pid)
    // the exact bytes broker-peer.mjs sends per message
    const encoded = (rhea.message as unknown as { encode(m: unknown): Buffer }).encode({
      durable: false,
      body: rhea.message.data_section(Buffer.alloc(SIZE, 0x61)),
    }).length
    const perMsg = ((after - before) * 1024) / fill
    const text = [
      '## qpidd-ref throughput and memory',
      '',
      `${machineLine()}.`,
      `Command: \`npm run build && node --import tsx bench/broker-throughput.ts\` (${COUNT.toLocaleString('en-US')} messages of ${SIZE} bytes per round;`,
      'sender and receiver are separate plain-JS rhea processes (bench/broker-peer.mjs); the sender sends pre-encoded messages, the receiver counts them without decoding;',
      'end-to-end = count / wall time from starting the receiver until it has every message, process start-up included,',
      "as in golden/perf.md; receiver-measured = count / time from the receiver's connection open to its last message).",
      "All three processes share the machine's cores, as in golden/perf.md; the broker's own CPU time per message",
      '(user + system, from /proc) is the figure least affected by other load on the machine.',
      'Real qpidd 1.40 on the reference machine: ~170 000 msg/s over AMQP 1.0 (golden/perf.md (b)).',
      '',
      '| case | end-to-end msg/s (3 rounds) | median | median, receiver-measured | broker CPU per message |',
      '|---|---|---:|---:|---:|',
      ...rows,
      '',
      `Broker RSS with ${fill.toLocaleString('en-US')} queued ${SIZE}-byte messages (no consumer): +${Math.round((after - before) / 1024)} MiB,`,
      `${Math.round(perMsg)} bytes per message, i.e. ~${Math.round(perMsg - encoded)} bytes beyond the ${encoded}-byte encoded message.`,
    ].join('\n')
    process.stdout.write(`${text}\n`)
    writeSection('broker-throughput', text)
  } finally {
    await b.stop()
  }
}

await main()
