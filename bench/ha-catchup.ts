// HA catch-up: time for a backup joining a primary whose replicated queue holds 100,000 messages
// to become `ready` (copying every message and being acknowledged), with the default
// --ha-flow-messages window.
// Run: npm run build && node --import tsx bench/ha-catchup.ts
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { ROOT, startBroker } from '../test/helpers/broker.js'
import {
  createQueue,
  HA_ARGS,
  haStatus,
  promote,
  queueDepth,
  suiteScope,
  waitFor,
  withAgent,
} from '../test/helpers/ha-cluster.js'
import { machineLine, median, writeSection } from './bench-doc.js'

const COUNT = Number(process.env.BENCH_COUNT ?? 100_000)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)

function fill(port: number, queue: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(ROOT, 'bench/broker-peer.mjs'), 'send', String(port), queue, String(COUNT), '100'],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    )
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`sender exited ${code}`))))
  })
}

async function main(): Promise<void> {
  const scope = suiteScope()
  try {
    const primary = await startBroker(scope.t, { args: HA_ARGS })
    await withAgent(primary.address, (a) =>
      a.callMethod('org.apache.qpid.ha:habroker:ha-broker', 'setBrokersUrl', { url: primary.address }),
    )
    await promote(primary.address)
    await createQueue(primary.address, 'deep', { 'qpid.replicate': 'all' })
    await fill(primary.port, 'deep')
    const times: number[] = []
    for (let i = 0; i < ROUNDS; i++) {
      const t0 = performance.now()
      const backup = await startBroker(scope.t, { args: [...HA_ARGS, '--ha-brokers-url', primary.address] })
      const started = performance.now()
      await waitFor('backup ready', async () => (await haStatus(backup.address)) === 'ready', 120000)
      const ready = performance.now()
      if ((await queueDepth(backup.address, 'deep')) !== COUNT) throw new Error('backup is ready without every message')
      times.push(ready - started)
      process.stdout.write(
        `round ${i + 1}: process start ${Math.round(started - t0)} ms, catch-up ${Math.round(ready - started)} ms\n`,
      )
      await backup.stop()
    }
    const med = median(times)
    const table = [
      '| messages on the primary | catch-up to ready, ms (per round) | median | messages/s |',
      '|---:|---|---:|---:|',
      `| ${COUNT.toLocaleString('en-US')} × 100 bytes | ${times.map((t) => Math.round(t)).join(' / ')} | ${Math.round(med)} | ${Math.round(COUNT / (med / 1000)).toLocaleString('en-US')} |`,
    ].join('\n')
    process.stdout.write(`${table}\n`)
    writeSection(
      'ha-catchup',
      `## HA catch-up of a joining backup (qpidd-ref)

${machineLine()}.
Command: \`npm run build && node --import tsx bench/ha-catchup.ts\`. A promoted primary holds ${COUNT.toLocaleString('en-US')}
messages on a \`--replicate all\` queue; a fresh backup is started (new data directory each round) and timed from its
port line until it reports \`ready\` (every message copied and acknowledged; --ha-flow-messages 1000, status polled
over QMF every 50 ms).

${table}
`,
    )
  } finally {
    await scope.stopAll()
  }
}

await main()
