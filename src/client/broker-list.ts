// The address lists a failover client accepts. Each argument may itself be a comma-separated
// list, in either of the two notations Qpid uses:
//   plain qpid URLs     127.0.0.1:5672,user/pw@127.0.0.1:5673,amqps://host:5671
//   AMQP 0-10 URL form  amqp:[user[/pw]@]tcp:h1:p1,tcp:h2:p2   (ha.md §3, ha-brokers-url)
// In the second form the credentials apply to every address, as in qpidd.
import { QmfError } from '../qmf/errors.js'
import { type BrokerUrl, parseBrokerUrl } from '../qmf/url.js'

const PROTOCOLS: Record<string, string> = { tcp: 'amqp', ssl: 'amqps' }
// `amqp:` opens the 0-10 form unless it is a host `amqp` followed by a port (`amqp:5672`)
// or the scheme of an `amqp://` URL.
const OPENING_RE = /^amqp:(?!\/\/)(?!\d+(?:,|$))(?:([^:/@,]+)(?:\/([^:/@,]+))?@)?/i
const PROTOCOL_RE = /^(tcp|ssl|rdma):/i

/** Parses one or more address-list arguments, in order; throws `ValueError: <entry>` on a bad one. */
export function parseBrokerList(input: string | readonly string[]): BrokerUrl[] {
  const items = typeof input === 'string' ? [input] : input
  const urls = items.flatMap(parseOne)
  if (urls.length === 0) throw new QmfError('ValueError', 'no broker address given')
  return urls
}

function parseOne(text: string): BrokerUrl[] {
  let rest = text.trim()
  let user: string | undefined
  let password: string | undefined
  const opening = OPENING_RE.exec(rest)
  if (opening) {
    user = opening[1]
    password = opening[2]
    rest = rest.slice(opening[0].length)
  }
  return rest.split(',').map((entry) => {
    const address = entry.trim()
    if (address === '') throw new QmfError('ValueError', text)
    const protocol = PROTOCOL_RE.exec(address)
    if (protocol?.[1].toLowerCase() === 'rdma') throw new QmfError('ValueError', `${address}: rdma is not supported`)
    const url = parseBrokerUrl(protocol ? address.slice(protocol[0].length) : address)
    if (protocol) url.scheme = PROTOCOLS[protocol[1].toLowerCase()]!
    if (user !== undefined && url.user === undefined) {
      url.user = user
      url.password = password
    }
    return url
  })
}
