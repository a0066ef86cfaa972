// End-to-end latency of the tools, side by side in one run: `node -e 0` (the floor),
// `qpid-config --help` (must stay within 2.5 × the floor: no oclif, rhea or QMF on that path),
// `qpid-config queues`, `qpid-stat -q` against a standalone qpidd-ref, and `qpid-ha status`
// (`--all` too) against a 3-broker qpidd-ref HA cluster. The commands run round-robin so machine
// noise hits all of them alike; ratios to `node -e 0` and CPU time (user + sys) are the figures to
// compare on a shared machine. Python figures: golden/perf.md (a), real qpidd, idle machine.
// Run: npm run build && node --import tsx bench/latency.ts   (RUNS=n to change the count)
import { join } from 'node:path'
import { ROOT, startBroker } from '../test/helpers/broker.js'
import { activeCluster, suiteScope } from '../test/helpers/ha-cluster.js'
import { machineLine, median, wallMs, writeSection } from './bench-doc.js'

const RUNS = Number(process.env.RUNS ?? 21)

interface Row {
  label: string
  argv: string[]
  /** golden/perf.md (a): median wall of the real Python tool against real qpidd. */
  pythonMs?: number
}

const bin = (tool: string) => [process.execPath, join(ROOT, 'bin', `${tool}.js`)]

const scope = suiteScope()
try {
  const broker = await startBroker(scope.t)
  const rows: Row[] = [
    { label: 'node -e 0', argv: [process.execPath, '-e', '0'] },
    { label: 'qpid-config --help', argv: [...bin('qpid-config'), '--help'] },
    {
      label: 'qpid-config -b <broker> queues',
      argv: [...bin('qpid-config'), '-b', broker.address, 'queues'],
      pythonMs: 169,
    },
    { label: 'qpid-stat -b <broker> -q', argv: [...bin('qpid-stat'), '-b', broker.address, '-q'], pythonMs: 168 },
  ]
  let clusterNote = ''
  try {
    const cluster = await activeCluster(scope.t, 3)
    const primary = cluster.brokers[0].address
    rows.push(
      { label: 'qpid-ha status -b <primary>', argv: [...bin('qpid-ha'), 'status', '-b', primary], pythonMs: 167 },
      {
        label: 'qpid-ha status -b <primary> --all (3 brokers)',
        argv: [...bin('qpid-ha'), 'status', '-b', primary, '--all'],
        pythonMs: 192,
      },
    )
  } catch (err) {
    clusterNote = `\nqpid-ha rows skipped: the HA cluster did not start (${err instanceof Error ? err.message : err}).`
  }

  // One warm-up run each: file cache, and the tools' V8 code cache (src/cli/code-cache.ts).
  for (const r of rows) wallMs(r.argv)
  const walls = rows.map((): number[] => [])
  const cpu = rows.map((): number[] => [])
  for (let i = 0; i < RUNS; i++) {
    for (const [c, r] of rows.entries()) {
      const s = wallMs(r.argv)
      walls[c].push(s.ms)
      if (s.cpuMs !== undefined) cpu[c].push(s.cpuMs)
    }
  }
  const floor = median(walls[0])
  const lines = rows.map((r, c) => {
    const m = median(walls[c])
    const cpuText = cpu[c].length ? `${median(cpu[c]).toFixed(0)} ms` : 'n/a'
    const py = r.pythonMs === undefined ? '' : `${r.pythonMs} ms`
    return `| \`${r.label}\` | ${m.toFixed(0)} ms | ${Math.min(...walls[c]).toFixed(0)} ms | ${(m / floor).toFixed(2)} × | ${cpuText} | ${py} |`
  })
  const table = [
    '| command | wall median | wall min | wall median / `node -e 0` | CPU (user+sys) median | Python tool, wall median |',
    '|---|---:|---:|---:|---:|---:|',
    ...lines,
  ].join('\n')
  console.log(table)
  writeSection(
    'tool-latency',
    [
      '## Tool latency, end to end',
      '',
      `${machineLine()}.`,
      `Command: \`npm run build && node --import tsx bench/latency.ts\` (${RUNS} runs of each after one warm-up run, round-robin,`,
      'fresh process per run; `queues` and `-q` against one qpidd-ref on 127.0.0.1 holding only its default objects,',
      '`qpid-ha` against a 3-broker qpidd-ref cluster, primary plus 2 ready backups). CPU time is from /usr/bin/time',
      '(10 ms resolution). The Python column is golden/perf.md (a): the real tools against real qpidd on an idle machine,',
      `not measured here; on a loaded machine compare the ratios to \`node -e 0\` (≈ 62 ms wall when idle) instead.${clusterNote}`,
      '',
      table,
    ].join('\n'),
  )
} finally {
  await scope.stopAll()
}
