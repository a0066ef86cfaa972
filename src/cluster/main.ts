// Brings up a local 3-broker HA cluster of qpidd-ref on 127.0.0.1, promotes the first broker with
// qpid-ha, prints the cluster status and how to manage it, and stops every broker cleanly on
// Ctrl-C or SIGTERM. It drives the brokers with the real executables in bin/, as an operator would.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const BIN = fileURLToPath(new URL('../../bin/', import.meta.url))
const USAGE = `usage: qpid-cluster [--ports P1,P2,P3] [--data-dir DIR] [-- qpidd-ref options...]

Starts three qpidd-ref brokers on 127.0.0.1 as an HA cluster, promotes the first one and prints
'qpid-ha status --all'. Ctrl-C (or SIGTERM) stops all brokers.

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

interface Member {
  port: number
  child: ChildProcess
  log: string
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

function qpidHa(args: string[]) {
  return spawnSync(process.execPath, [join(BIN, 'qpid-ha.js'), ...args], { encoding: 'utf8', timeout: 15000 })
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Polls `probe` every 100 ms for at most `ms`. */
async function until(ms: number, probe: () => boolean): Promise<boolean> {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    if (probe()) return true
    await sleep(100)
  }
  return false
}

async function run(): Promise<void> {
  const opts = parse(process.argv.slice(2))
  const addresses = opts.ports.map((p) => `127.0.0.1:${p}`)
  const url = addresses.join(',')
  const brokers: Member[] = []
  let stopping = false

  const stopAll = async (code: number): Promise<void> => {
    if (stopping) return
    stopping = true
    process.stdout.write('\nStopping the cluster...\n')
    for (const b of brokers) if (b.child.exitCode === null && b.child.signalCode === null) b.child.kill('SIGTERM')
    const done = await until(5000, () => brokers.every((b) => b.child.exitCode !== null || b.child.signalCode !== null))
    if (!done) for (const b of brokers) if (b.child.exitCode === null) b.child.kill('SIGKILL')
    process.stdout.write('All brokers stopped.\n')
    process.exit(code)
  }
  process.on('SIGINT', () => stopAll(0))
  process.on('SIGTERM', () => stopAll(0))

  for (const port of opts.ports) {
    const dir = join(opts.dataDir, `broker-${port}`)
    mkdirSync(dir, { recursive: true })
    const log = join(opts.dataDir, `broker-${port}.log`)
    const args = [
      join(BIN, 'qpidd-ref.js'),
      '--port',
      String(port),
      // a local cluster listens on loopback only (qpidd's default is every interface)
      '--interface',
      '127.0.0.1',
      '--data-dir',
      dir,
      '--ha-cluster',
      'yes',
      '--ha-brokers-url',
      url,
      '--link-maintenance-interval',
      '0.1',
      '--link-heartbeat-interval',
      '5',
      '--log-enable',
      'info+',
      '--log-to-file',
      log,
      '--log-to-stderr',
      'no',
      ...opts.extra,
    ]
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] })
    let err = ''
    child.stderr?.on('data', (d) => {
      err += d
    })
    child.on('exit', (code, signal) => {
      if (stopping) return
      process.stderr.write(
        `qpid-cluster: broker on port ${port} exited (${signal ?? code})${err ? `: ${err.trim()}` : ''}\n`,
      )
    })
    brokers.push({ port, child, log })
  }

  for (const b of brokers) {
    const up = await until(
      10000,
      () => b.child.exitCode !== null || qpidHa(['status', '-b', `127.0.0.1:${b.port}`, '--timeout', '1']).status === 0,
    )
    if (!up || b.child.exitCode !== null) {
      process.stderr.write(`qpid-cluster: broker on port ${b.port} did not start (see ${b.log})\n`)
      return stopAll(1)
    }
  }
  const promoted = qpidHa(['promote', '-b', addresses[0], '--cluster-manager'])
  if (promoted.status !== 0) {
    process.stderr.write(`qpid-cluster: promote failed: ${promoted.stdout}${promoted.stderr}`)
    return stopAll(1)
  }
  await until(15000, () => {
    const s = qpidHa(['status', '-b', addresses[0], '--all'])
    return s.status === 0 && !/ (joining|catchup|recovering)$/m.test(s.stdout)
  })
  const status = qpidHa(['status', '-b', addresses[0], '--all'])
  process.stdout.write(`HA cluster of qpidd-ref is up (data and logs under ${opts.dataDir}).

$ qpid-ha status -b ${addresses[0]} --all
${status.stdout}
Clients connect to all three addresses with reconnect on, e.g. ${url}
(backups refuse ordinary clients, so clients always end up on the primary).

Manage it with the tools:
  qpid-ha status -b ${addresses[0]} --all          states of all brokers
  qpid-ha query -b ${addresses[1]} --all           configuration of all brokers
  qpid-config -b ${addresses[0]} add queue q1 --replicate all
  qpid-stat -b ${addresses[1]} --ha-admin -q       a backup's replica queues
  kill -9 <primary pid>; qpid-ha promote -b ${addresses[1]} --cluster-manager   failover

Broker pids: ${brokers.map((b) => `${b.port}=${b.child.pid}`).join(' ')}
Press Ctrl-C to stop the cluster.
`)
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
