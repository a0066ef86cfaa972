// qpidd-ref entry point: options → store → broker → AMQP listener → management. With --port 0 the
// bound port is printed alone on the first stdout line, as qpidd does. SIGTERM/SIGINT close cleanly.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { hostPort } from '../protocol/url.js'
import { Broker, VERSION } from './broker.js'
import { type Federation, startFederation } from './federation/index.js'
import { LINK_MAINTENANCE_INTERVAL } from './federation/options.js'
import { createHa, type HaModule, registerHaOptions } from './ha/index.js'
import { Logger } from './log.js'
import { startManagement } from './management/index.js'
import { helpText, OptionError, type OptionValues, parseArgs } from './options.js'
import { JournalStore } from './store/journal-store.js'
import { MemoryStore } from './store/memory-store.js'
import type { MessageStore } from './store/store.js'
import { type ListenAddresses, resolveInterfaces } from './transport/interfaces.js'
import { installRheaPatches, RheaMismatch } from './transport/rhea/index.js'
import { loadUsers } from './transport/sasl.js'
import { AmqpServer } from './transport/server.js'

/** Boot sequence, persisted in the data directory (QMF `_agent_epoch`). */
function bootSequence(dataDir: string | undefined): number {
  if (!dataDir) return 1
  const file = join(dataDir, 'bootSequence')
  let n = 0
  try {
    if (existsSync(file)) n = Number(readFileSync(file, 'utf8').trim()) || 0
    mkdirSync(dataDir, { recursive: true })
    writeFileSync(file, `${n + 1}\n`)
  } catch {
    // a read-only data dir only loses the epoch count
  }
  return n + 1
}

async function main(argv: string[]): Promise<number> {
  registerHaOptions()
  let values: OptionValues
  try {
    const parsed = parseArgs(argv)
    values = parsed.values
    if (values.help) {
      process.stdout.write(helpText())
      return 0
    }
    if (values.version) {
      process.stdout.write(`qpidd-ref (qpid-cpp compatible) version ${VERSION}\n`)
      return 0
    }
    for (const w of parsed.warnings) process.stderr.write(`warning: ${w}\n`)
  } catch (e) {
    if (e instanceof OptionError) {
      process.stderr.write(`Error: ${e.message}\n`)
      return 1
    }
    throw e
  }
  try {
    installRheaPatches()
  } catch (e) {
    if (!(e instanceof RheaMismatch)) throw e
    process.stderr.write(`qpidd-ref: ${e.message}\n`)
    return 1
  }
  const selectors = values.trace ? ['trace+'] : ((values['log-enable'] as string[] | undefined) ?? ['notice+'])
  let log: Logger
  try {
    log = new Logger(selectors, {
      file: values['log-to-file'] as string | undefined,
      stderr: values['log-to-stderr'] !== false,
    })
  } catch (e) {
    process.stderr.write(`Error: ${(e as Error).message}\n`)
    return 1
  }
  let listen: ListenAddresses
  try {
    listen = await resolveInterfaces((values.interface as string[] | undefined) ?? [])
  } catch (e) {
    process.stderr.write(`Error: ${(e as Error).message}\n`)
    return 1
  }
  const dataDir = values['no-data-dir'] ? undefined : (values['data-dir'] as string | undefined)
  const auth = values.auth === true
  let users = new Map<string, string>()
  if (values['sasl-users']) {
    try {
      users = loadUsers(String(values['sasl-users']))
    } catch {
      process.stderr.write(`Error: could not read --sasl-users file ${values['sasl-users']}\n`)
      return 1
    }
  }
  const store: MessageStore = dataDir ? new JournalStore(dataDir, log) : new MemoryStore()
  const broker = new Broker({ port: Number(values.port), dataDir, auth, store, log })
  log.notice('Broker', `Broker (pid=${process.pid}) start-up`)
  try {
    await broker.recover()
  } catch (e) {
    log.error('Store', `Recovery failed: ${(e as Error).message}`)
    return 1
  }
  if (!auth) log.notice('Broker', 'SASL disabled: No Authentication Performed')
  const server = new AmqpServer(broker, {
    listen,
    port: Number(values.port),
    auth,
    realm: String(values.realm),
    users,
  })
  // HA is created before the listener starts, so a cluster member refuses clients from the start
  let ha: HaModule | undefined
  try {
    ha = createHa(broker, server, values, values['mgmt-enable'] !== false)
  } catch (e) {
    if (!(e instanceof OptionError)) throw e
    process.stderr.write(`Error: ${e.message}\n`)
    return 1
  }
  let port: number
  try {
    port = await server.listen()
  } catch (e) {
    log.error('Network', `Cannot listen on port ${values.port}: ${(e as Error).message}`)
    return 1
  }
  broker.port = port
  let federation: Federation | undefined
  if (values['mgmt-enable'] !== false) {
    const management = startManagement(broker, server, bootSequence(dataDir))
    federation = startFederation(broker, management.registry, {
      maintenanceMs: values[LINK_MAINTENANCE_INTERVAL] as number,
    })
    ha?.registerManagement(management.registry)
  }
  ha?.start()
  const purgeMs = Number(values['queue-purge-interval'])
  if (purgeMs > 0) setInterval(() => broker.purgeExpired(), purgeMs).unref()
  // signal handlers go in before the port is printed: a test may stop us the moment it reads it
  const stopped = new Promise<number>((resolve) => {
    let stopping = false
    const stop = async () => {
      if (stopping) return
      stopping = true
      // a clean close must not hang the process: peers that never answer get 5 s
      setTimeout(() => process.exit(0), 5000).unref()
      log.notice('Broker', 'Shut down')
      try {
        federation?.close()
        ha?.stop()
        await server.close()
        await store.close()
      } catch (e) {
        log.error('Broker', `Error during shutdown: ${(e as Error).message}`)
      }
      resolve(0)
    }
    broker.onShutdown = stop
    process.on('SIGTERM', stop)
    process.on('SIGINT', stop)
  })
  if (Number(values.port) === 0) process.stdout.write(`${port}\n`)
  for (const address of listen.wildcard ? ['0.0.0.0', '::'] : listen.addresses) {
    log.info('Network', `Listening to: ${hostPort({ host: address, port })}`)
  }
  log.notice('Network', `Listening on TCP/TCP6 port ${port}`)
  return stopped
}

// A broker whose parent died (a killed test runner, a closed terminal) gets EPIPE on stdout and
// stderr. Unhandled, each failed log write became an uncaught exception, whose report was another
// failed write: the broker spun at full CPU and never got round to its SIGTERM handler.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {})

process.on('uncaughtException', (e) => {
  // last-resort guard: log without a stack trace and keep serving the other clients
  process.stderr.write(`qpidd-ref: internal error: ${e?.message ?? e}\n`)
})

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`Error: ${(e as Error).message}\n`)
    process.exit(1)
  },
)
