// How a member finds its own entry in a brokers URL (so it never replicates from itself or asks
// itself for its status): an address is ours when it has our port and its host resolves to an
// address we listen on; listening on every interface, any local address is ours (loopback, the
// machine's interfaces). A host that resolves elsewhere is dialled; should it still reach us (an
// alias through NAT, say), the primary's admission drops a link that carries our own system id.
import { lookup } from 'node:dns/promises'
import { isIP } from 'node:net'
import { hostname, networkInterfaces } from 'node:os'
import type { QpidAddress } from '../../protocol/url.js'
import type { ListenAddresses } from '../transport/interfaces.js'

const isLoopback = (ip: string) => ip.startsWith('127.') || ip === '::1' || ip.startsWith('::ffff:127.')

/** Every address of this machine's interfaces. */
function localAddresses(): Set<string> {
  const out = new Set<string>()
  for (const list of Object.values(networkInterfaces())) for (const i of list ?? []) out.add(i.address)
  return out
}

/** The addresses `host` stands for (an IP literal for itself); none when it does not resolve. */
async function resolve(host: string): Promise<string[]> {
  if (isIP(host)) return [host]
  try {
    return (await lookup(host, { all: true })).map((a) => a.address)
  } catch {
    return []
  }
}

export class SelfAddress {
  constructor(
    private readonly listen: ListenAddresses,
    private readonly port: () => number,
  ) {}

  /** The host this member calls itself (HA logs, its info to other members): its first address, or the machine's name. */
  get hostName(): string {
    return this.listen.wildcard ? hostname() : this.listen.addresses[0]
  }

  async isSelf(a: QpidAddress): Promise<boolean> {
    if (a.port !== this.port()) return false
    const ips = await resolve(a.host)
    if (this.listen.wildcard) {
      const local = localAddresses()
      return ips.some((ip) => isLoopback(ip) || local.has(ip))
    }
    return ips.some((ip) => this.listen.addresses.includes(ip))
  }

  /** The addresses of `url` that are not this member, in order. */
  async others(addresses: readonly QpidAddress[]): Promise<QpidAddress[]> {
    const mine = await Promise.all(addresses.map((a) => this.isSelf(a)))
    return addresses.filter((_, i) => !mine[i])
  }
}
