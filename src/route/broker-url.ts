// qmf.console's BrokerURL as qpid-route uses it: the broker address with the default port filled
// in, printed the way qpid.util's URL prints itself, and compared by resolved socket address.
import { lookup } from 'node:dns/promises'
import type { BrokerUrl } from '../qmf/url.js'
import { RouteError } from './errors.js'

/** `[scheme://][user[/password]@]host:port`: the scheme only when the user wrote one. */
export function urlName(url: BrokerUrl): string {
  const scheme = /^[^:/@]+:\/\//.test(url.text) ? `${url.text.slice(0, url.text.indexOf('://'))}://` : ''
  const auth = url.user ? `${url.user}${url.password ? `/${url.password}` : ''}@` : ''
  const host = url.host.includes(':') ? `[${url.host}]` : url.host
  return `${scheme}${auth}${host}:${url.port}`
}

const GAI_TEXT: Record<string, string> = {
  ENOTFOUND: '[Errno -2] Name or service not known',
  EAI_AGAIN: '[Errno -3] Temporary failure in name resolution',
}

/** First resolved address of a host, as `getaddrinfo(...)[0]`; failures raise socket.gaierror's text. */
async function resolve(host: string): Promise<string> {
  try {
    return (await lookup(host)).address
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? ''
    throw new RouteError('gaierror', GAI_TEXT[code] ?? (err as Error).message)
  }
}

/** BrokerURL.match: same first resolved address and same port. */
export async function sameBroker(url: BrokerUrl, host: string, port: number): Promise<boolean> {
  if (url.port !== port) return false
  return (await resolve(url.host)) === (await resolve(host))
}
