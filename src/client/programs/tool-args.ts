// What qpid-ref-send and qpid-ref-receive share: the connection options, number parsing that
// fails with a one-line usage error, and the exit codes (documented in docs/client.md).
import { type ParseArgsConfig, parseArgs } from 'node:util'
import type { FailoverOptions } from '../options.js'

export const EXIT = {
  ok: 0,
  /** Lost cause: no broker within the reconnect timeout, authentication, link or message refused. */
  failure: 1,
  usage: 2,
  /** qpid-ref-receive: sequence numbers are missing. */
  missing: 3,
  /** Ended by SIGINT / SIGTERM (after printing the summary so far). */
  sigint: 130,
  sigterm: 143,
} as const

export class UsageError extends Error {}

export const CONNECTION_OPTIONS = {
  broker: { type: 'string', short: 'b', multiple: true },
  address: { type: 'string', short: 'a' },
  'reconnect-timeout': { type: 'string' },
  'reconnect-interval-min': { type: 'string' },
  'reconnect-interval-max': { type: 'string' },
  'connect-timeout': { type: 'string' },
  heartbeat: { type: 'string' },
  'sasl-mechanism': { type: 'string' },
  verbose: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options']

export const CONNECTION_HELP = `  -b, --broker URLS             broker addresses, tried in order on every failover; repeat the option
                                or give a comma list (host:port,... or amqp:tcp:h:p,tcp:h:p)
                                [default 127.0.0.1:5672]
  -a, --address NAME            queue (or exchange) name (required)
  --reconnect-timeout S         give up after S seconds without a broker, 0 = never [60]
  --reconnect-interval-min S    first delay between passes over the list [0.1]
  --reconnect-interval-max S    the delay doubles up to this [1]
  --connect-timeout S           deadline of one connection attempt [2]
  --heartbeat S                 broker heartbeat interval; silent for 2*S = dead, 0 = off [2]
  --sasl-mechanism NAME         PLAIN, ANONYMOUS or EXTERNAL
  -v, --verbose                 also log every failed connection attempt (dead broker, backup)
  -h, --help                    this text`

/** util.parseArgs with its errors turned into UsageError (one line, exit 2). */
export function parseToolArgs<O extends ParseArgsConfig['options']>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false })
  } catch (err) {
    throw new UsageError((err as Error).message.split('\n')[0])
  }
}

/** A non-negative decimal number of seconds, in milliseconds. */
export function seconds(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) {
    throw new UsageError(`option --${name}: invalid number of seconds '${value}'`)
  }
  return Math.round(n * 1000)
}

/** A non-negative integer (count, size, rate). */
export function count(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) {
    throw new UsageError(`option --${name}: invalid count '${value}'`)
  }
  return n
}

export function failoverOptions(
  values: { [K in keyof typeof CONNECTION_OPTIONS]?: string | string[] | boolean },
  clientProcess: string,
): FailoverOptions {
  const v = values as Record<string, string | undefined>
  return {
    urls: (values.broker as string[] | undefined) ?? ['127.0.0.1:5672'],
    reconnectTimeoutMs: seconds('reconnect-timeout', v['reconnect-timeout']),
    reconnectIntervalMinMs: seconds('reconnect-interval-min', v['reconnect-interval-min']),
    reconnectIntervalMaxMs: seconds('reconnect-interval-max', v['reconnect-interval-max']),
    connectTimeoutMs: seconds('connect-timeout', v['connect-timeout']),
    heartbeatMs: seconds('heartbeat', v.heartbeat),
    saslMechanism: v['sasl-mechanism'],
    clientProcess,
  }
}

export function requireAddress(address: string | undefined): string {
  if (!address) throw new UsageError('option -a/--address is required')
  return address
}
