// Qpid broker URLs as the Python tools accept them (tools.md §0.1):
//   [scheme://][user[/password]@](host | [ipv6])[:port]
// Note that user and password are separated by `/`, not `:`.
import { QmfError } from './errors.js'

export interface BrokerUrl {
  scheme: string
  user?: string
  password?: string
  host: string
  port: number
  /** The text the user gave, for error messages. */
  text: string
}

const URL_RE =
  /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?(?:([^:/@]+)(?:\/([^:/@]+))?@)?(?:\[([0-9a-fA-F:.]+)\]|([^@:/[\]]+))(?::(\d+))?$/

/** Parses a broker address; throws `ValueError: <text>` (what the Python tools print) when it does not match. */
export function parseBrokerUrl(text: string, defaultPort?: number): BrokerUrl {
  const m = URL_RE.exec(text)
  if (!m) throw new QmfError('ValueError', text)
  const scheme = (m[1] ?? 'amqp').toLowerCase()
  const port = m[6] !== undefined ? Number(m[6]) : (defaultPort ?? (scheme === 'amqps' ? 5671 : 5672))
  if (port > 65535) throw new QmfError('ValueError', text)
  return { scheme, user: m[2], password: m[3], host: m[4] ?? m[5], port, text }
}

/** `host:port` as the tools print it (IPv6 hosts in brackets). */
export function hostPort(url: BrokerUrl): string {
  return `${url.host.includes(':') ? `[${url.host}]` : url.host}:${url.port}`
}
