// qpidd-ref throughput: 100-byte messages through one queue with one sender and one concurrent
// receiver (separate processes, as qpid-send/qpid-receive in golden/perf.md), transient and durable
// messages through the journal.
// Run: npm run build && node --import tsx bench/broker-throughput.ts

import { type RunningBroker, startBroker } from '../test/helpers/broker.js'
import { close, connect, method, qmfSession } from '../test/helpers/rhea-client.js'
import { machineLine, median, writeSection } from './bench-doc.js'
import { cpuMs, peer } from './peer.js'

const COUNT = Number(process.env.BENCH_COUNT ?? 100_000)
const SIZE = 100

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

    const text = [
      '## qpidd-ref throughput',
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
      'Memory figures: bench/broker-memory.ts.',
    ].join('\n')
    process.stdout.write(`${text}\n`)
    writeSection('broker-throughput', text)
  } finally {
    await b.stop()
  }
}

await main()
