// Runs one of the operator tools: errors become one line on stderr with the documented exit
// code (never a stack trace), connection events are logged to stderr, and SIGINT/SIGTERM print
// the summary so far before exiting.
import { PythonError } from '../../protocol/errors.js'
import { ClientError } from '../errors.js'
import { FailoverConnection } from '../failover-connection.js'
import {
  type CONNECTION_OPTIONS,
  EXIT,
  failoverOptions,
  parseToolArgs,
  requireAddress,
  UsageError,
} from './tool-args.js'

export interface ToolRun {
  /** Prints the summary lines; called once, at the end or on a signal. */
  summary(): void
  /** The exit code after a normal end. */
  done: Promise<number>
}

export async function runTool(name: string, start: () => ToolRun | Promise<ToolRun>): Promise<never> {
  const fail = (err: unknown): never => {
    const usage =
      err instanceof UsageError ||
      (err instanceof ClientError && err.kind === 'usage') ||
      (err instanceof PythonError && err.pythonClass === 'ValueError')
    const text =
      err instanceof PythonError && err.pythonClass === 'ValueError'
        ? `invalid broker address '${err.message}'`
        : String((err as Error)?.message ?? err)
    process.stderr.write(`${name}: error: ${text}\n`)
    if (usage) process.stderr.write(`Try '${name} --help' for more information.\n`)
    return exit(usage ? EXIT.usage : EXIT.failure)
  }
  process.on('uncaughtException', fail)
  process.on('unhandledRejection', fail)
  let run: ToolRun | undefined
  let summarised = false
  const summary = () => {
    if (!summarised) run?.summary()
    summarised = true
  }
  // Registered first, so Ctrl-C while still connecting also ends cleanly.
  const onSignal = (code: number) => () => {
    summary()
    exit(code)
  }
  process.once('SIGINT', onSignal(EXIT.sigint))
  process.once('SIGTERM', onSignal(EXIT.sigterm))
  try {
    run = await start()
  } catch (err) {
    return fail(err)
  }
  try {
    const code = await run.done
    summary()
    return exit(code)
  } catch (err) {
    summary()
    if (err instanceof ClientError && err.kind !== 'usage') {
      process.stderr.write(`${name}: error: ${err.message}\n`)
      return exit(EXIT.failure)
    }
    return fail(err)
  }
}

/** What a tool with the shared connection options (CONNECTION_OPTIONS) gets to start with. */
export interface ClientToolArgs<O extends typeof CONNECTION_OPTIONS> {
  values: ReturnType<typeof parseToolArgs<O>>['values']
  /** -a/--address, required. */
  address: string
  /**
   * The failover connection from the connection options, logging its events. A function, so that
   * a tool checks its own options first and the connection options after them.
   */
  connect(): FailoverConnection
}

/**
 * runTool for qpid-ref-send and qpid-ref-receive: parses argv, answers --help (exit 0, nothing
 * else checked or opened), requires -a, then hands over to the tool.
 */
export function runClientTool<O extends typeof CONNECTION_OPTIONS>(
  name: string,
  argv: string[],
  options: O,
  help: string,
  start: (args: ClientToolArgs<O>) => ToolRun,
): Promise<never> {
  return runTool(name, () => {
    const { values } = parseToolArgs(argv, options)
    // parseArgs' value types do not resolve for a generic O; the shared options are in every O.
    const shared = values as ReturnType<typeof parseToolArgs<typeof CONNECTION_OPTIONS>>['values']
    if (shared.help) {
      process.stdout.write(help)
      return { summary() {}, done: Promise.resolve(EXIT.ok) }
    }
    const address = requireAddress(shared.address)
    const connect = () => {
      const conn = new FailoverConnection(failoverOptions(shared, name))
      logConnectionEvents(name, conn, shared.verbose === true)
      return conn
    }
    return start({ values, address, connect })
  })
}

/** Logs connection changes on stderr, the way qpid clients log failover; `verbose` adds every failed attempt. */
export function logConnectionEvents(name: string, conn: FailoverConnection, verbose = false): void {
  if (verbose) conn.on('attempt-failed', (e) => process.stderr.write(`${name}: cannot use ${e.address}: ${e.reason}\n`))
  conn.on('connected', (e) => {
    const after = e.reconnect ? ` after ${(e.downtimeMs / 1000).toFixed(3)} s` : ''
    process.stderr.write(`${name}: connected to ${e.address}${after}\n`)
  })
  conn.on('disconnected', (e) => process.stderr.write(`${name}: lost ${e.address}: ${e.reason}\n`))
}

// On Linux, writes to pipes, files and terminals are synchronous, so exiting right away never
// cuts off the summary.
function exit(code: number): never {
  process.exit(code)
}
