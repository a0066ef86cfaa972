// Connection handling shared by the qpid-config commands: connect with the parsed options, run the
// command, and turn every failure into the original's `Failed: <Class>: <message>` line (stdout,
// exit 1). The connection is opened before the command looks at its words, as in the original.

import { noteBroker } from '../../cli/json-output.js'
import { PythonError } from '../../protocol/errors.js'
import { type BrokerUrl, hostPort, parseBrokerUrl } from '../../protocol/url.js'
import type { BrokerAgent } from '../../qmf/console.js'
import { connectConsole, deadlineMs, withConsole } from '../broker-call.js'
import type { ConfigFlags } from './flags.js'

/** The broker address the tool uses: `-a` wins over `-b`; an empty value means the default. */
export function brokerAddress(flags: Partial<ConfigFlags>): string {
  return flags['broker-addr'] || flags.broker || 'localhost'
}

export function connect(flags: Partial<ConfigFlags>): Promise<BrokerAgent> {
  noteBroker(brokerLabel(flags))
  return connectTo(flags, parseBrokerUrl(brokerAddress(flags)), deadlineMs(flags.timeout))
}

/** A console on `url` with the tool's options (qpid-config --wait-replicated also reaches the backups so). */
export function connectTo(flags: Partial<ConfigFlags>, url: BrokerUrl, timeoutMs: number): Promise<BrokerAgent> {
  return connectConsole({
    url,
    clientProcess: 'qpid-config',
    timeoutMs,
    saslMechanism: flags['sasl-mechanism'],
    haAdmin: flags['ha-admin'],
    heartbeatMs: timeoutMs,
  })
}

/** Runs `body` with a connected console; returns the exit code. Never throws. */
export function withBroker(
  flags: Partial<ConfigFlags>,
  body: (agent: BrokerAgent) => Promise<number>,
): Promise<number> {
  return withConsole(() => connect(flags), body, failureLine)
}

/** The line the original printed for an exception escaping a command. */
export function failureLine(err: unknown): string {
  if (err instanceof PythonError) return `Failed: ${err.pythonClass}: ${err.message}`
  const e = err as NodeJS.ErrnoException
  // A local file (bind -f) that cannot be read: the original printed Python's IOError text alone.
  if (e?.syscall && e.path !== undefined && typeof e.errno === 'number') {
    return `[Errno ${-e.errno}] ${ERRNO_TEXT[e.code ?? ''] ?? e.message}: '${e.path}'`
  }
  return `Failed: Exception: ${err instanceof Error ? err.message : String(err)}`
}

const ERRNO_TEXT: Record<string, string> = {
  ENOENT: 'No such file or directory',
  EACCES: 'Permission denied',
  EISDIR: 'Is a directory',
}

/** `host:port` of the broker, for the `broker` field of --json documents. */
export function brokerLabel(flags: Partial<ConfigFlags>): string {
  return hostPort(parseBrokerUrl(brokerAddress(flags)))
}

/** Prints lines, each newline-terminated (nothing for an empty list). */
export function printLines(lines: readonly string[]): void {
  if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`)
}
