// qpid URLs as the HA options and methods take them (ha.md §3):
//   ["amqp:"][user["/"password]"@"] addr ("," addr)*,  addr = ["tcp:"|"ssl:"|"rdma:"] host [":" port]
// shown back normalised as `amqp:tcp:h1:p1,tcp:h2:p2`.

export interface HaAddress {
  protocol: 'tcp' | 'ssl' | 'rdma'
  host: string
  port: number
}

export interface HaUrl {
  user?: string
  password?: string
  addresses: HaAddress[]
}

export class UrlError extends Error {}

const ADDR = /^(?:(tcp|ssl|rdma):)?(\[[0-9a-fA-F:.]+\]|[^:,@/[\]\s]+)(?::(\d+))?$/

/** Parses a URL; `none` and the empty string mean "unset" (undefined). */
export function parseHaUrl(text: string): HaUrl | undefined {
  const t = text.trim()
  if (t === '' || t === 'none') return undefined
  let rest = t.startsWith('amqp:') ? t.slice(5) : t
  const url: HaUrl = { addresses: [] }
  const at = rest.lastIndexOf('@')
  if (at !== -1) {
    const cred = rest.slice(0, at)
    const slash = cred.indexOf('/')
    url.user = slash === -1 ? cred : cred.slice(0, slash)
    if (slash !== -1) url.password = cred.slice(slash + 1)
    if (!url.user) throw new UrlError(`Invalid URL: ${text}`)
    rest = rest.slice(at + 1)
  }
  if (rest === '') throw new UrlError('URL contains no addresses')
  for (const part of rest.split(',')) {
    const m = ADDR.exec(part.trim())
    if (!m) throw new UrlError(`Invalid URL: ${text}`)
    const port = m[3] === undefined ? 5672 : Number(m[3])
    if (port > 65535) throw new UrlError(`Invalid URL: ${text}`)
    const host = m[2].startsWith('[') ? m[2].slice(1, -1) : m[2]
    url.addresses.push({ protocol: (m[1] ?? 'tcp') as HaAddress['protocol'], host, port })
  }
  return url
}

export function formatAddress(a: HaAddress): string {
  return `${a.protocol}:${a.host.includes(':') ? `[${a.host}]` : a.host}:${a.port}`
}

/** `amqp:tcp:h1:p1,tcp:h2:p2` (credentials are not shown, as in qpidd). Empty when unset. */
export function formatHaUrl(url: HaUrl | undefined): string {
  return url ? `amqp:${url.addresses.map(formatAddress).join(',')}` : ''
}
