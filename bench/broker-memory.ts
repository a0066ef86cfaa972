// qpidd-ref memory: broker RSS holding 10,000 empty queues, and holding 1,000,000 queued 100-byte
// messages in one queue (no consumer). Each case gets a fresh broker; RSS is read from /proc before
// and after, once the broker has gone quiet.
// Run: npm run build && node --import tsx bench/broker-memory.ts   (QUEUES=n, MESSAGES=n to change)

import { join } from 'node:path'
import rhea from 'rhea'
import { ROOT, type RunningBroker, startBroker } from '../test/helpers/broker.js'
import { machineLine, wallMs, writeSection } from './bench-doc.js'
import { declareQueues } from './many-queues.js'
import { peer, rssKb } from './peer.js'

const QUEUES = Number(process.env.QUEUES ?? 10_000)
const MESSAGES = Number(process.env.MESSAGES ?? 1_000_000)
const SIZE = 100

/**
 * RSS once it has stopped moving, in kB. The broker runs with --expose-gc, and `qpid-stat -m` (a
 * memory query) makes it collect garbage first, so the figure is live data, not uncollected garbage.
 */
async function settledRss(b: RunningBroker): Promise<number> {
  wallMs([process.execPath, join(ROOT, 'bin/qpid-stat.js'), '-b', b.address, '-m'])
  let last = rssKb(b.pid)
  for (let i = 0; i < 20; i++) {
    await new Promise((r) => setTimeout(r, 250))
    const now = rssKb(b.pid)
    if (Math.abs(now - last) < 256) return now
    last = now
  }
  return last
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
const mib = (kb: number) => `${(kb / 1024).toFixed(0)} MiB`

async function queuesCase(): Promise<string> {
  const b = await startBroker(undefined, { timeoutMs: 20_000, nodeArgs: ['--expose-gc'] })
  try {
    const before = await settledRss(b)
    await declareQueues(b.port, QUEUES)
    const after = await settledRss(b)
    return `| ${fmt(QUEUES)} empty queues | ${mib(before)} | ${mib(after)} | ${fmt(((after - before) * 1024) / QUEUES)} bytes per queue | 434 MB in all, ~43 KB per queue |`
  } finally {
    await b.stop()
  }
}

async function messagesCase(): Promise<string> {
  const b = await startBroker(undefined, { timeoutMs: 20_000, nodeArgs: ['--expose-gc'] })
  try {
    const before = await settledRss(b)
    await declareQueues(b.port, 1) // the queue `bench-q-00000`
    await peer(['send', String(b.port), 'bench-q-00000', String(MESSAGES), String(SIZE), ''])
    const after = await settledRss(b)
    const encoded = (rhea.message as unknown as { encode(m: unknown): Buffer }).encode({
      durable: false,
      body: rhea.message.data_section(Buffer.alloc(SIZE, 0x61)),
    }).length
    const perMsg = ((after - before) * 1024) / MESSAGES
    return `| ${fmt(MESSAGES)} queued ${SIZE}-byte messages (${encoded} bytes encoded) | ${mib(before)} | ${mib(after)} | ${fmt(perMsg)} bytes per message, ${fmt(perMsg - encoded)} beyond its encoding | stopped at 591,752 by its default queue limit; ~468 bytes per message, ~330 beyond it |`
  } finally {
    await b.stop()
  }
}

const rows = [await queuesCase(), await messagesCase()]
const table = [
  '| case | RSS before | RSS after | growth | real qpidd 1.40 (golden/perf.md (d)) |',
  '|---|---:|---:|---|---|',
  ...rows,
].join('\n')
console.log(table)
writeSection(
  'broker-memory',
  [
    '## qpidd-ref memory',
    '',
    `${machineLine()}.`,
    'Command: `npm run build && node --import tsx bench/broker-memory.ts` (a fresh qpidd-ref per case; queues declared over QMF;',
    'messages sent by bench/broker-peer.mjs, each confirmed; the broker runs with node --expose-gc and RSS is read from /proc',
    'after a `qpid-stat -m` query, which makes it collect garbage first).',
    '',
    table,
  ].join('\n'),
)
