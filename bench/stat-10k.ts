// `qpid-stat -q` against a broker holding 10,000 queues, beside `qpid-config queues` on the same
// broker, in one run. Both are the real executables, spawned as an operator would run them.
// Run: npm run build && node --import tsx bench/stat-10k.ts   (QUEUES=n, RUNS=n to change)
import { benchManyQueues } from './many-queues.js'

await benchManyQueues({
  section: 'stat-10k',
  title: 'qpid-stat -q',
  runs: (b) => [
    ['qpid-stat', [...b, '-q']],
    ['qpid-config', [...b, 'queues']],
    ['qpid-stat', [...b, '-g']],
  ],
})
