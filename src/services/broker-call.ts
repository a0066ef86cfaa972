// How every tool reaches the broker it manages: the deadline rule of `-t/--timeout`, the console
// connection with the tool's options, and the run of a command body that turns any failure into
// the tool's one error line on stdout (exit 1), never a stack trace.
import { noteFailure } from '../cli/json-output.js'
import { PythonError } from '../protocol/errors.js'
import type { BrokerUrl } from '../protocol/url.js'
import { BrokerAgent } from '../qmf/console.js'

/** The originals' deadline for a connection and for every broker reply. */
export const DEFAULT_TIMEOUT_S = 10

/** `-t` seconds as a deadline; 0 ("no limit" in the originals) or less keeps the default: no tool waits forever. */
export function deadlineMs(seconds: number | undefined): number {
  return (seconds !== undefined && seconds > 0 ? seconds : DEFAULT_TIMEOUT_S) * 1000
}

export interface ToolConnection {
  url: BrokerUrl
  /** Program name the broker shows for the connection (qpid-stat -c). */
  clientProcess: string
  timeoutMs: number
  saslMechanism?: string
  /** Lets an HA backup accept the connection. */
  haAdmin?: boolean
  /** AMQP idle time-out asked of the broker, so a hung broker is noticed within it. */
  heartbeatMs?: number
}

/**
 * Connection failures that look like an HA backup's refusal: the broker dropped the connection
 * before opening it, and the tool did not connect with --ha-admin.
 */
const refusedAsBackup = new WeakSet<object>()

/** Printed after such a failure when stdout is a terminal (not in the originals, docs/compat.md). */
const BACKUP_HINT = 'Hint: an HA backup broker refuses ordinary connections; use --ha-admin to connect to it\n'

/** A console connected as the tool, with the same deadline for the connection and every reply. */
export async function connectConsole(c: ToolConnection): Promise<BrokerAgent> {
  try {
    return await BrokerAgent.connect({ ...c, replyTimeoutMs: c.timeoutMs })
  } catch (err) {
    const aborted =
      err instanceof PythonError && err.pythonClass === 'ConnectionError' && err.message === 'connection aborted'
    if (aborted && !c.haAdmin) refusedAsBackup.add(err)
    throw err
  }
}

/** Any failure as the PythonError the original would have raised (plain errors become `Exception`). */
export function asPythonError(err: unknown): PythonError {
  if (err instanceof PythonError) return err
  return new PythonError('Exception', err instanceof Error ? err.message : String(err))
}

/** Under --json, the failure the run's document names (cli/json-output.ts); nothing otherwise. */
export function noteJsonFailure(err: unknown): void {
  const e = asPythonError(err)
  noteFailure(e.pythonClass, e.message)
}

/** The `Failed: <Class> - <message>` line of the tools built on qmf.console (qpid-stat, qpid-route). */
export function failedDashLine(err: unknown): string {
  const e = asPythonError(err)
  return `Failed: ${e.pythonClass} - ${e.message}`
}

/**
 * Connects, runs `body` with the console, closes it, and returns the body's exit code; on any
 * failure (connection or body) prints `failureLine(err)` on stdout and returns 1. Never throws.
 */
export async function withConsole(
  connect: () => Promise<BrokerAgent>,
  body: (agent: BrokerAgent) => Promise<number>,
  failureLine: (err: unknown) => string,
): Promise<number> {
  let agent: BrokerAgent | undefined
  try {
    agent = await connect()
    return await body(agent)
  } catch (err) {
    noteJsonFailure(err)
    process.stdout.write(`${failureLine(err)}\n`)
    if (process.stdout.isTTY && refusedAsBackup.has(err as object)) process.stdout.write(BACKUP_HINT)
    return 1
  } finally {
    agent?.close()
  }
}
