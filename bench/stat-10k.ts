// `qpid-stat -q` against a broker holding 10,000 queues, beside `qpid-config queues` on the same
// broker, in one run. Both are the real executables, spawned as an operator would run them.
// Run: npm run build && node --import tsx bench/stat-10k.ts   (QUEUES=n, RUNS=n to change)
import { startBroker } from '../test/helpers/broker.js'
import { machineLine, TOOL_TABLE_HEAD, toolRow, writeSection } from './bench-doc.js'
import { DECLARE_NOTE, declareQueues } from './declare-queues.js'

const QUEUES = Number(process.env.QUEUES ?? 10_000)
const RUNS = Number(process.env.RUNS ?? 5)

const broker = await startBroker(undefined, { timeoutMs: 20_000 })
try {
  const setupMs = await declareQueues(broker.port, QUEUES)
  const b = ['-b', broker.address]
  const rows = [
    toolRow('qpid-stat', [...b, '-q'], RUNS),
    toolRow('qpid-config', [...b, 'queues'], RUNS),
    toolRow('qpid-stat', [...b, '-g'], RUNS),
  ]
  const table = [...TOOL_TABLE_HEAD, ...rows].join('\n')
  console.log(table)
  writeSection(
    'stat-10k',
    [
      `## qpid-stat -q with ${QUEUES.toLocaleString('en-US')} queues`,
      '',
      `${machineLine()}.`,
      `Command: \`npm run build && node --import tsx bench/stat-10k.ts\` (one qpidd-ref on 127.0.0.1; ${QUEUES} queues`,
      `${DECLARE_NOTE} in ${(setupMs / 1000).toFixed(1)} s; each command spawned ${RUNS} times).`,
      '',
      table,
    ].join('\n'),
  )
} finally {
  await broker.stop()
}
