// The qpid URL notations, in one place for the tools, the failover client and the broker:
//   broker URL   [scheme://][user[/password]@](host | [ipv6])[:port]        (the tools' -b, tools.md §0.1)
//   qpid URL     [amqp:][user[/password]@]addr(,addr)*                         (HA options, ha.md §3)
//                addr = [tcp:|ssl:|rdma:](host | [ipv6])[:port], shown back as amqp:tcp:h1:p1,tcp:h2:p2
//   address list either notation, comma-separated, repeatable                   (the failover client)
// User and password are separated by `/`, not `:`. The host rules differ a little between the first
// two because the originals' parsers did (Python's regular expression, qpidd's C++ Url class).
import { lookup } from 'node:dns/promises'
import { PythonError } from './errors.js'

export interface BrokerUrl {
  scheme: string
  user?: string
  password?: string
  host: string
  port: number
  /** The text the user gave, for error messages. */
  text: string
}

export interface QpidAddress {
  protocol: 'tcp' | 'ssl' | 'rdma'
  host: string
  port: number
}

export interface QpidUrl {
  user?: string
  password?: string
  addresses: QpidAddress[]
}

export const DEFAULT_PORT = 5672
const TLS_PORT = 5671

/** A host as a URL shows it: IPv6 addresses in brackets. */
export const hostText = (host: string): string => (host.includes(':') ? `[${host}]` : host)

// ---- broker URLs (one broker, the tools' notation) ----

const BROKER_URL_RE =
  /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?(?:([^:/@]+)(?:\/([^:/@]+))?@)?(?:\[([0-9a-fA-F:.]+)\]|([^@:/[\]]+))(?::(\d+))?$/

/** Parses a broker address; throws `ValueError: <text>` (what the Python tools print) when it does not match. */
export function parseBrokerUrl(text: string, defaultPort?: number): BrokerUrl {
  const m = BROKER_URL_RE.exec(text)
  if (!m) throw new PythonError('ValueError', text)
  const scheme = (m[1] ?? 'amqp').toLowerCase()
  const port = m[6] !== undefined ? Number(m[6]) : (defaultPort ?? (scheme === 'amqps' ? TLS_PORT : DEFAULT_PORT))
  if (port > 65535) throw new PythonError('ValueError', text)
  return { scheme, user: m[2], password: m[3], host: m[4] ?? m[5], port, text }
}

/** `host:port` as the tools print it. */
export const hostPort = (url: { host: string; port: number }): string => `${hostText(url.host)}:${url.port}`

/**
 * qpid.util's URL printed as qpid-route prints it, `[scheme://][user[/password]@]host:port`: the
 * scheme only when the user wrote one, the port always.
 */
export function brokerUrlText(url: BrokerUrl): string {
  const scheme = /^[^:/@]+:\/\//.test(url.text) ? `${url.text.slice(0, url.text.indexOf('://'))}://` : ''
  const auth = url.user ? `${url.user}${url.password ? `/${url.password}` : ''}@` : ''
  return `${scheme}${auth}${hostPort(url)}`
}

const GAI_TEXT: Record<string, string> = {
  ENOTFOUND: '[Errno -2] Name or service not known',
  EAI_AGAIN: '[Errno -3] Temporary failure in name resolution',
}

/** First resolved address of a host, as `getaddrinfo(...)[0]`; failures raise socket.gaierror's text. */
async function resolveHost(host: string): Promise<string> {
  try {
    return (await lookup(host)).address
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? ''
    throw new PythonError('gaierror', GAI_TEXT[code] ?? (err as Error).message)
  }
}

/** qmf.console's BrokerURL.match: same port and same first resolved address. */
export async function sameBroker(url: BrokerUrl, host: string, port: number): Promise<boolean> {
  if (url.port !== port) return false
  return (await resolveHost(url.host)) === (await resolveHost(host))
}

// ---- qpid URLs (a list of addresses with shared credentials, qpidd's notation) ----

const QPID_ADDRESS_RE = /^(?:(tcp|ssl|rdma):)?(\[[0-9a-fA-F:.]+\]|[^:,@/[\]\s]+)(?::(\d+))?$/

/** Parses a qpid URL; `none` and the empty string mean "unset" (undefined). Throws `Invalid URL: <text>`. */
export function parseQpidUrl(text: string): QpidUrl | undefined {
  const t = text.trim()
  if (t === '' || t === 'none') return undefined
  let rest = t.startsWith('amqp:') ? t.slice(5) : t
  const url: QpidUrl = { addresses: [] }
  const at = rest.lastIndexOf('@')
  if (at !== -1) {
    const cred = rest.slice(0, at)
    const slash = cred.indexOf('/')
    url.user = slash === -1 ? cred : cred.slice(0, slash)
    if (slash !== -1) url.password = cred.slice(slash + 1)
    if (!url.user) throw new PythonError('ValueError', `Invalid URL: ${text}`)
    rest = rest.slice(at + 1)
  }
  if (rest === '') throw new PythonError('ValueError', 'URL contains no addresses')
  for (const part of rest.split(',')) {
    const m = QPID_ADDRESS_RE.exec(part.trim())
    if (!m) throw new PythonError('ValueError', `Invalid URL: ${text}`)
    const port = m[3] === undefined ? DEFAULT_PORT : Number(m[3])
    if (port > 65535) throw new PythonError('ValueError', `Invalid URL: ${text}`)
    const host = m[2].startsWith('[') ? m[2].slice(1, -1) : m[2]
    url.addresses.push({ protocol: (m[1] ?? 'tcp') as QpidAddress['protocol'], host, port })
  }
  return url
}

/** `tcp:host:port`. */
export const qpidAddressText = (a: QpidAddress): string => `${a.protocol}:${hostPort(a)}`

/** `amqp:tcp:h1:p1,tcp:h2:p2` (credentials are not shown, as in qpidd). Empty when unset. */
export function qpidUrlText(url: QpidUrl | undefined): string {
  return url ? `amqp:${url.addresses.map(qpidAddressText).join(',')}` : ''
}

// ---- address lists (either notation, for clients that fail over) ----

const SCHEMES: Record<string, string> = { tcp: 'amqp', ssl: 'amqps' }
// `amqp:` opens a qpid URL unless it is a host `amqp` followed by a port (`amqp:5672`) or the
// scheme of an `amqp://` URL.
const QPID_URL_OPENING_RE = /^amqp:(?!\/\/)(?!\d+(?:,|$))(?:([^:/@,]+)(?:\/([^:/@,]+))?@)?/i
const PROTOCOL_RE = /^(tcp|ssl|rdma):/i

/**
 * Parses one or more address-list arguments, in order: each a comma-separated list of broker URLs,
 * or a qpid URL whose credentials apply to every address. Throws `ValueError: <entry>` on a bad one.
 */
export function parseAddressList(input: string | readonly string[]): BrokerUrl[] {
  const items = typeof input === 'string' ? [input] : input
  const urls = items.flatMap(parseAddressListItem)
  if (urls.length === 0) throw new PythonError('ValueError', 'no broker address given')
  return urls
}

function parseAddressListItem(text: string): BrokerUrl[] {
  let rest = text.trim()
  let user: string | undefined
  let password: string | undefined
  const opening = QPID_URL_OPENING_RE.exec(rest)
  if (opening) {
    user = opening[1]
    password = opening[2]
    rest = rest.slice(opening[0].length)
  }
  return rest.split(',').map((entry) => {
    const address = entry.trim()
    if (address === '') throw new PythonError('ValueError', text)
    const protocol = PROTOCOL_RE.exec(address)
    if (protocol?.[1].toLowerCase() === 'rdma') throw new PythonError('ValueError', `${address}: rdma is not supported`)
    const url = parseBrokerUrl(protocol ? address.slice(protocol[0].length) : address)
    if (protocol) url.scheme = SCHEMES[protocol[1].toLowerCase()]!
    if (user !== undefined && url.user === undefined) {
      url.user = user
      url.password = password
    }
    return url
  })
}
