// `qpid-config queues` (and `queues -r`, `--json`) against a broker holding 10,000 queues, created
// over QMF by this bench. Wall time of the real executable, median of RUNS.
// Run: npm run build && node --import tsx bench/config-10k.ts   (QUEUES=n, RUNS=n to change)
import { join } from 'node:path'
import { BrokerAgent, parseBrokerUrl } from '../src/qmf/index.js'
import { ROOT, startBroker } from '../test/helpers/broker.js'
import { machineLine, median, wallMs, writeSection } from './bench-doc.js'

const QUEUES = Number(process.env.QUEUES ?? 10_000)
const RUNS = Number(process.env.RUNS ?? 5)
const IN_FLIGHT = 200

async function createQueues(port: number): Promise<number> {
  const started = performance.now()
  const agent = await BrokerAgent.connect({
    url: parseBrokerUrl(`127.0.0.1:${port}`),
    timeoutMs: 10_000,
    replyTimeoutMs: 60_000,
    clientProcess: 'bench-config-10k',
  })
  try {
    let next = 0
    const worker = async () => {
      for (let i = next++; i < QUEUES; i = next++) {
        await agent.callMethod('org.apache.qpid.broker:broker:amqp-broker', 'create', {
          type: 'queue',
          name: `bench-q-${String(i).padStart(5, '0')}`,
          properties: { 'qpid.max_count': i },
          strict: true,
        })
      }
    }
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker))
  } finally {
    agent.close()
  }
  return performance.now() - started
}

const broker = await startBroker(undefined, { timeoutMs: 20_000 })
try {
  const setupMs = await createQueues(broker.port)
  const tool = join(ROOT, 'bin/qpid-config.js')
  const variants = [['queues'], ['queues', '-r'], ['queues', '--json']]
  const rows = variants.map((words) => {
    const runs = Array.from({ length: RUNS }, () => wallMs([process.execPath, tool, '-b', broker.address, ...words]))
    const out = runs[0].stdout
    const ms = runs.map((r) => r.ms)
    const cpu = runs.flatMap((r) => (r.cpuMs === undefined ? [] : [r.cpuMs]))
    const cpuText = cpu.length ? `${median(cpu).toFixed(0)} ms` : 'n/a'
    return `| \`qpid-config -b <broker> ${words.join(' ')}\` | ${median(ms).toFixed(0)} ms | ${Math.min(...ms).toFixed(0)} ms | ${Math.max(...ms).toFixed(0)} ms | ${cpuText} | ${out.split('\n').length - 1} | ${Buffer.byteLength(out)} |`
  })
  const table = [
    '| command | wall median | wall min | wall max | tool CPU (user+sys) median | output lines | output bytes |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n')
  console.log(table)
  writeSection(
    'config-10k',
    [
      `## qpid-config queues with ${QUEUES.toLocaleString('en-US')} queues`,
      '',
      `${machineLine()}.`,
      `Command: \`npm run build && node --import tsx bench/config-10k.ts\` (one qpidd-ref on 127.0.0.1; ${QUEUES} queues`,
      `declared over QMF with ${IN_FLIGHT} requests in flight in ${(setupMs / 1000).toFixed(1)} s; each command spawned ${RUNS} times).`,
      '',
      table,
    ].join('\n'),
  )
} finally {
  await broker.stop()
}
