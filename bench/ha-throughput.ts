// HA replication cost: on one primary with 2 ready backups, a replicated queue (--replicate all)
// beside a non-replicated one, in the same run. One sender and one concurrent receiver per queue
// (separate plain-JS processes, bench/broker-peer.mjs), 100-byte messages, unsettled sends.
// The figure is the ratio replicated / non-replicated (real qpidd: 55k vs 175k msg/s = 0.31).
// Run: npm run build && node --import tsx bench/ha-throughput.ts
import { activeCluster, createQueue, queueDepth, suiteScope, waitFor } from '../test/helpers/ha-cluster.js'
import { machineLine, median, writeSection } from './bench-doc.js'
import { peer } from './peer.js'

const COUNT = Number(process.env.BENCH_COUNT ?? 100_000)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)

/** msg/s from starting both peers until the receiver has everything and the sender every confirmation. */
async function round(port: number, queue: string): Promise<number> {
  const t0 = performance.now()
  await Promise.all([
    peer(['receive', String(port), queue, String(COUNT)]),
    peer(['send', String(port), queue, String(COUNT), '100']),
  ])
  return COUNT / ((performance.now() - t0) / 1000)
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US')

async function main(): Promise<void> {
  const scope = suiteScope()
  try {
    const c = await activeCluster(scope.t, 3)
    const p = c.brokers[0]
    await createQueue(p.address, 'repl', { 'qpid.replicate': 'all' })
    await createQueue(p.address, 'plain', { 'qpid.replicate': 'none' })
    await waitFor('repl on the backups', async () => (await queueDepth(c.brokers[2].address, 'repl')) === 0)
    const rates: Record<string, number[]> = { plain: [], repl: [] }
    for (let i = 0; i < ROUNDS; i++) {
      for (const q of ['plain', 'repl']) {
        rates[q].push(await round(p.port, q))
        // backups must have applied every dequeue before the next round starts
        for (const b of c.brokers.slice(1))
          await waitFor(
            `${q} drained on ${b.address}`,
            async () => ((await queueDepth(b.address, q)) ?? 0) === 0,
            60000,
          )
      }
    }
    const plain = median(rates.plain)
    const repl = median(rates.repl)
    const table = [
      '| queue on the primary (2 ready backups) | msg/s per round | median |',
      '|---|---|---:|',
      `| not replicated (\`--replicate none\`) | ${rates.plain.map(fmt).join(' / ')} | ${fmt(plain)} |`,
      `| replicated (\`--replicate all\`) | ${rates.repl.map(fmt).join(' / ')} | ${fmt(repl)} |`,
      `| **ratio replicated / not replicated** | | **${(repl / plain).toFixed(2)}** |`,
    ].join('\n')
    process.stdout.write(`${table}\n`)
    writeSection(
      'ha-throughput',
      `## HA replication throughput (qpidd-ref)

${machineLine()}.
Command: \`npm run build && node --import tsx bench/ha-throughput.ts\` (${COUNT.toLocaleString('en-US')} messages of 100 bytes per round;
one primary and two ready backups, all qpidd-ref processes on this machine; per queue one sender and one concurrent
receiver (bench/broker-peer.mjs), unsettled sends, end-to-end rate = count / time until the receiver has every message and
the sender every confirmation). The replicated queue's sender is confirmed only once both backups hold a copy or the
message was consumed. Real qpidd 1.40 (golden/perf.md (b), AMQP 1.0): 175,972 vs 55,437 msg/s = ratio 0.31.

${table}
`,
    )
  } finally {
    await scope.stopAll()
  }
}

await main()
