// The 10,000-queue benchmarks: many queues declared over QMF with requests in flight in parallel,
// and the shared run of tool commands against such a broker.

import type { QmfMap } from '../src/protocol/qmf-types.js'
import { parseBrokerUrl } from '../src/protocol/url.js'
import { BrokerAgent } from '../src/qmf/console.js'
import { startBroker } from '../test/helpers/broker.js'
import { machineLine, TOOL_TABLE_HEAD, toolRow, writeSection } from './bench-doc.js'

const IN_FLIGHT = 200

/** Creates `count` queues `bench-q-00000`...; returns the wall time in ms. */
export async function declareQueues(
  port: number,
  count: number,
  properties: (i: number) => QmfMap = () => ({}),
): Promise<number> {
  const started = performance.now()
  const agent = await BrokerAgent.connect({
    url: parseBrokerUrl(`127.0.0.1:${port}`),
    timeoutMs: 10_000,
    replyTimeoutMs: 60_000,
    clientProcess: 'bench',
  })
  try {
    let next = 0
    const worker = async () => {
      for (let i = next++; i < count; i = next++) {
        await agent.callMethod('org.apache.qpid.broker:broker:amqp-broker', 'create', {
          type: 'queue',
          name: `bench-q-${String(i).padStart(5, '0')}`,
          properties: properties(i),
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

const DECLARE_NOTE = `declared over QMF with ${IN_FLIGHT} requests in flight`

const QUEUES = Number(process.env.QUEUES ?? 10_000)
const RUNS = Number(process.env.RUNS ?? 5)

export interface ManyQueuesBench {
  /** docs/benchmarks.md section, also the bench's file name (bench/<section>.ts). */
  section: string
  /** Heading before the queue count, e.g. `qpid-stat -q`. */
  title: string
  /** The tool runs to time, as [bin, args]; `b` is `-b <broker address>`. */
  runs(b: string[]): Array<[string, string[]]>
  properties?: (i: number) => QmfMap
}

/**
 * One run of a many-queue benchmark: a broker holding QUEUES queues (created over QMF), each tool
 * command spawned RUNS times; prints the table and rewrites the bench's section.
 */
export async function benchManyQueues(bench: ManyQueuesBench): Promise<void> {
  const broker = await startBroker(undefined, { timeoutMs: 20_000 })
  try {
    const setupMs = await declareQueues(broker.port, QUEUES, bench.properties)
    const rows = bench.runs(['-b', broker.address]).map(([bin, args]) => toolRow(bin, args, RUNS))
    const table = [...TOOL_TABLE_HEAD, ...rows].join('\n')
    console.log(table)
    writeSection(
      bench.section,
      [
        `## ${bench.title} with ${QUEUES.toLocaleString('en-US')} queues`,
        '',
        `${machineLine()}.`,
        `Command: \`npm run build && node --import tsx bench/${bench.section}.ts\` (one qpidd-ref on 127.0.0.1; ${QUEUES} queues`,
        `${DECLARE_NOTE} in ${(setupMs / 1000).toFixed(1)} s; each command spawned ${RUNS} times).`,
        '',
        table,
      ].join('\n'),
    )
  } finally {
    await broker.stop()
  }
}
