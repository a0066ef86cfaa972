// `qpid-config queues` (and `queues -r`, `--json`) against a broker holding 10,000 queues, created
// over QMF by this bench. Wall time of the real executable, median of RUNS.
// Run: npm run build && node --import tsx bench/config-10k.ts   (QUEUES=n, RUNS=n to change)
import { benchManyQueues } from './many-queues.js'

await benchManyQueues({
  section: 'config-10k',
  title: 'qpid-config queues',
  properties: (i) => ({ 'qpid.max_count': i }),
  runs: (b) => [['queues'], ['queues', '-r'], ['queues', '--json']].map((w) => ['qpid-config', [...b, ...w]]),
})
