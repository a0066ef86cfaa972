// Connection options of the failover client, named after the qpid::messaging connection options
// they mirror (reconnect_urls, reconnect_interval_min/max, reconnect_timeout, heartbeat).
import type { BrokerUrl } from '../protocol/url.js'
import { parseAddressList } from '../protocol/url.js'

export interface FailoverOptions {
  /** Addresses tried in order on every pass (`reconnect_urls`); see broker-list.ts for the syntax. */
  urls: string | readonly string[]
  /** First delay between passes over the list (`reconnect_interval_min`). */
  reconnectIntervalMinMs?: number
  /** Largest delay between passes; the delay doubles up to it (`reconnect_interval_max`). */
  reconnectIntervalMaxMs?: number
  /** Give up when no broker was reached for this long; 0 = never (`reconnect_timeout`). */
  reconnectTimeoutMs?: number
  /** Deadline of one attempt (TCP, SASL, open): a hung broker must not stall the pass. */
  connectTimeoutMs?: number
  /** The broker must send a frame at least this often; 2x silence = dead broker. 0 = off. */
  heartbeatMs?: number
  /** Restrict SASL to one mechanism (PLAIN, ANONYMOUS, EXTERNAL). */
  saslMechanism?: string
  /** Sent as `qpid.client_process`. */
  clientProcess?: string
}

export interface ResolvedFailoverOptions {
  urls: BrokerUrl[]
  reconnectIntervalMinMs: number
  reconnectIntervalMaxMs: number
  reconnectTimeoutMs: number
  connectTimeoutMs: number
  heartbeatMs: number
  saslMechanism?: string
  clientProcess: string
}

// Defaults suit failover inside one data centre: the whole list is retried quickly, and a
// promotion (well under a second on qpidd) is not waited out by a long back-off.
export const DEFAULTS = {
  reconnectIntervalMinMs: 100,
  reconnectIntervalMaxMs: 1000,
  reconnectTimeoutMs: 60_000,
  connectTimeoutMs: 2000,
  heartbeatMs: 2000,
}

export function resolveOptions(opts: FailoverOptions): ResolvedFailoverOptions {
  const min = opts.reconnectIntervalMinMs ?? DEFAULTS.reconnectIntervalMinMs
  return {
    urls: parseAddressList(opts.urls),
    reconnectIntervalMinMs: min,
    reconnectIntervalMaxMs: Math.max(min, opts.reconnectIntervalMaxMs ?? DEFAULTS.reconnectIntervalMaxMs),
    reconnectTimeoutMs: opts.reconnectTimeoutMs ?? DEFAULTS.reconnectTimeoutMs,
    connectTimeoutMs: opts.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs,
    heartbeatMs: opts.heartbeatMs ?? DEFAULTS.heartbeatMs,
    saslMechanism: opts.saslMechanism,
    clientProcess: opts.clientProcess ?? 'qpid-ref-client',
  }
}
