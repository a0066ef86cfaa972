// Brings up a local 3-broker HA cluster of qpidd-ref on 127.0.0.1, promotes the first broker with
// qpid-ha, prints the cluster status and commands to manage it that run as printed, restarts a
// member on request (`restart N` typed on a terminal, or SIGUSR1 for every member that exited),
// and stops every broker it started, restarted ones included, on Ctrl-C or SIGTERM. It drives
// the brokers with the real executables in bin/, as an operator would.
import { resolve } from 'node:path'
import { progress } from '../cli/progress.js'
import { listenForCommands } from './commands.js'
import { Member, until } from './member.js'
import { runTool, typedTool } from './tool-command.js'

const USAGE = `usage: qpid-cluster [--ports P1,P2,P3] [--data-dir DIR] [-- qpidd-ref options...]

Starts three qpidd-ref brokers on 127.0.0.1 as an HA cluster, promotes the first one and prints
'qpid-ha status --all'. Restarts a member when asked: type 'restart N' (N = 1, 2 or 3) when stdin
is a terminal, or send SIGUSR1 to restart every member that has exited. Ctrl-C (or SIGTERM) stops
all brokers, restarted ones included.

  --ports P1,P2,P3   broker ports (default 5672,5673,5674)
  --data-dir DIR     parent of the brokers' data directories (default ./.qpidd-ref)
  -h, --help         show this help
`

function fail(message: string): never {
  process.stderr.write(`qpid-cluster: ${message}\n`)
  process.exit(2)
}

interface ClusterOptions {
  ports: number[]
  dataDir: string
  /** Passed to every broker after the cluster's own options. */
  extra: string[]
}

function parse(argv: string[]): ClusterOptions {
  const opts: ClusterOptions = { ports: [5672, 5673, 5674], dataDir: resolve('.qpidd-ref'), extra: [] }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    const value = () => {
      const eq = a.indexOf('=')
      if (eq !== -1) return a.slice(eq + 1)
      if (i + 1 >= argv.length) fail(`${a} needs a value`)
      return argv[++i]
    }
    if (a === '-h' || a === '--help') {
      process.stdout.write(USAGE)
      process.exit(0)
    } else if (a === '--') {
      opts.extra = argv.slice(i + 1)
      break
    } else if (a === '--ports' || a.startsWith('--ports=')) {
      const ports = value()
        .split(',')
        .map((p) => Number(p.trim()))
      if (
        ports.length !== 3 ||
        ports.some((p) => !Number.isInteger(p) || p < 1 || p > 65535) ||
        new Set(ports).size !== 3
      )
        fail('--ports takes three different port numbers, e.g. --ports 5672,5673,5674')
      opts.ports = ports
    } else if (a === '--data-dir' || a.startsWith('--data-dir=')) {
      opts.dataDir = resolve(value())
    } else fail(`unknown argument ${a} (see --help)`)
  }
  return opts
}

const SETTLING = / (joining|catchup|recovering)$/m

/** How the operator asks for a restart, in the words that work where the launcher runs. */
function restartHow(n: number | 'N'): string {
  const signal = `kill -USR1 ${process.pid}`
  return process.stdin.isTTY
    ? `type 'restart ${n}' here (or ${signal} restarts every member that exited)`
    : `${signal} restarts every member that exited`
}

async function run(): Promise<void> {
  const opts = parse(process.argv.slice(2))
  const url = opts.ports.map((p) => `127.0.0.1:${p}`).join(',')
  let stopping = false
  const members = opts.ports.map(
    (port, i) =>
      new Member({ n: i + 1, port, dataDir: opts.dataDir, brokersUrl: url, extra: opts.extra }, (m, how) => {
        if (stopping) return
        process.stderr.write(
          `qpid-cluster: member ${m.config.n} (${m.address}) exited (${how}); to start it again, ${restartHow(m.config.n)}\n`,
        )
      }),
  )
  const [first, second] = members

  const stopAll = async (code: number): Promise<void> => {
    if (stopping) return
    stopping = true
    process.stdout.write('\nStopping the cluster...\n')
    await Promise.all(members.map((m) => m.stop()))
    process.stdout.write('All brokers stopped.\n')
    process.exit(code)
  }
  process.on('SIGINT', () => stopAll(0))
  process.on('SIGTERM', () => stopAll(0))

  const starting = await progress(`Starting ${members.length} brokers`)
  for (const m of members) m.start()
  for (const m of members) {
    starting.text(`Waiting for ${m.address} to answer`)
    if (!(await m.answers())) {
      starting.done(false)
      process.stderr.write(`qpid-cluster: broker on port ${m.config.port} did not start (see ${m.log})\n`)
      return stopAll(1)
    }
  }
  starting.text(`Promoting ${first.address}`)
  const promoted = await runTool('qpid-ha', ['promote', '-b', first.address, '--cluster-manager'])
  if (promoted.status !== 0) {
    starting.done(false)
    process.stderr.write(`qpid-cluster: promote failed: ${promoted.stdout}`)
    return stopAll(1)
  }
  starting.text('Waiting for the backups to be ready')
  await until(15000, async () => {
    const s = await runTool('qpid-ha', ['status', '-b', first.address, '--all'])
    return s.status === 0 && !SETTLING.test(s.stdout)
  })
  starting.done(true, process.stdout.isTTY ? 'Cluster ready' : undefined)
  const status = await runTool('qpid-ha', ['status', '-b', first.address, '--all'])
  const ha = typedTool('qpid-ha')
  process.stdout.write(`HA cluster of qpidd-ref is up (data and logs under ${opts.dataDir}).

$ ${ha} status -b ${first.address} --all
${status.stdout}
Clients connect to all three addresses with reconnect on, e.g. ${url}
(backups refuse ordinary clients, so clients always end up on the primary).

Manage it with the tools (each line runs as printed, from this directory):
  ${ha} status -b ${first.address} --all     # states of all brokers
  ${ha} query -b ${second.address} --all     # configuration of all brokers
  ${typedTool('qpid-config')} -b ${first.address} add queue q1 --replicate all
  ${typedTool('qpid-stat')} -b ${second.address} --ha-admin -q     # a backup's replica queues
  kill -9 ${first.pid}     # the primary fails: ...
  ${ha} promote -b ${second.address} --cluster-manager     # ... and a cluster manager promotes a backup

Members: ${members.map((m) => `${m.config.n}=${m.address} (pid ${m.pid})`).join(', ')}
To restart member N, ${restartHow('N')}.
Press Ctrl-C to stop the cluster.
`)
  listenForCommands(members, () => stopping)
}

/** The qpid-cluster program: any failure is one line on stderr and exit 1, never a stack trace. */
export async function main(): Promise<void> {
  try {
    await run()
  } catch (e) {
    fail1(e instanceof Error ? e.message : String(e))
  }
}

function fail1(message: string): never {
  process.stderr.write(`qpid-cluster: ${message}\n`)
  process.exit(1)
}
