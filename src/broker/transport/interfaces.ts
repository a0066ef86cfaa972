// Where the broker listens: qpidd's --interface, any host name or address, repeatable; without
// it, every interface (IPv4 and IPv6). A name is resolved through the system resolver and the
// broker listens on each of its addresses, as qpidd does.
import { lookup } from 'node:dns/promises'
import { isIP } from 'node:net'

export interface ListenAddresses {
  /** The addresses listened on; empty when listening on every interface. */
  addresses: string[]
  /** True when no --interface was given: the wildcard address, IPv4 and IPv6. */
  wildcard: boolean
}

/** Resolves the --interface values; rejects with `cannot resolve --interface <name>: <why>`. */
export async function resolveInterfaces(names: readonly string[]): Promise<ListenAddresses> {
  if (names.length === 0) return { addresses: [], wildcard: true }
  const addresses = new Set<string>()
  for (const raw of names) {
    const name = raw.startsWith('[') && raw.endsWith(']') ? raw.slice(1, -1) : raw
    if (isIP(name)) {
      addresses.add(name)
      continue
    }
    try {
      for (const a of await lookup(name, { all: true })) addresses.add(a.address)
    } catch (e) {
      throw new Error(`cannot resolve --interface ${raw}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`)
    }
  }
  return { addresses: [...addresses], wildcard: false }
}
