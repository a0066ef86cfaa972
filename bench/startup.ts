// qpid-config start-up cost, side by side in one run: `node -e 0` (the floor), `qpid-config --help`
// (must stay within 2.5 × the floor: no oclif, rhea or QMF on that path) and `qpid-config queues`
// against a local qpidd-ref (end to end; the Python tool needs ~169 ms, golden/perf.md).
// The commands run round-robin so that machine noise hits all of them alike.
// Run: npm run build && node --import tsx bench/startup.ts   (RUNS=n to change the count)
import { join } from 'node:path'
import { ROOT, startBroker } from '../test/helpers/broker.js'
import { machineLine, median, wallMs, writeSection } from './bench-doc.js'

const RUNS = Number(process.env.RUNS ?? 21)
const PYTHON_QUEUES_MS = 169 // golden/perf.md (a): real qpid-config queues, median of 10

const broker = await startBroker(undefined)
try {
  const tool = join(ROOT, 'bin/qpid-config.js')
  const commands: Array<[string, string[]]> = [
    ['node -e 0', [process.execPath, '-e', '0']],
    ['qpid-config --help', [process.execPath, tool, '--help']],
    ['qpid-config -b <broker> queues', [process.execPath, tool, '-b', broker.address, 'queues']],
  ]
  const walls = commands.map((): number[] => [])
  const cpu = commands.map((): number[] => [])
  for (const [, argv] of commands) wallMs(argv) // warm the file cache
  for (let i = 0; i < RUNS; i++) {
    for (const [c, [, argv]] of commands.entries()) {
      const r = wallMs(argv)
      walls[c].push(r.ms)
      if (r.cpuMs !== undefined) cpu[c].push(r.cpuMs)
    }
  }
  const floor = median(walls[0])
  const rows = commands.map(([label], c) => {
    const m = median(walls[c])
    const cpuText = cpu[c].length ? `${median(cpu[c]).toFixed(0)} ms` : 'n/a'
    return `| \`${label}\` | ${m.toFixed(0)} ms | ${Math.min(...walls[c]).toFixed(0)} ms | ${(m / floor).toFixed(2)} × | ${cpuText} |`
  })
  const table = [
    '| command | wall median | wall min | wall median / `node -e 0` | CPU (user+sys) median |',
    '|---|---:|---:|---:|---:|',
    ...rows,
    `| reference: Python \`qpid-config queues\` (golden/perf.md (a), idle machine, not measured here) | ${PYTHON_QUEUES_MS} ms | 167 ms | | |`,
  ].join('\n')
  console.log(table)
  writeSection(
    'config-startup',
    [
      '## qpid-config start-up',
      '',
      `${machineLine()}.`,
      `Command: \`npm run build && node --import tsx bench/startup.ts\` (${RUNS} runs of each, round-robin, fresh process`,
      'per run; `queues` against one qpidd-ref on 127.0.0.1 holding only its default objects).',
      '',
      table,
    ].join('\n'),
  )
} finally {
  await broker.stop()
}
