// The route sections of `qpid-route route map` (tools.md §4.4 mapRoutes): dynamic routes grouped
// by federated exchange as broker pairs, then one line per static route.
import type { QmfObject } from '../protocol/qmf-types.js'

/** A bridge together with its link and the `host:port` of the broker holding it. */
export interface MappedBridge {
  bridge: QmfObject
  link: QmfObject
  /** The broker the bridge lives on (where messages go, unless the route is a push route). */
  holder: string
}

const linkUrl = (link: QmfObject) => `${link.values.host}:${Math.trunc(Number(link.values.port))}`

function dynamicSection(bridges: readonly MappedBridge[]): string[] {
  const out = ['Dynamic Routes:']
  const exchanges = [...new Set(bridges.map((b) => String(b.bridge.values.src)))]
  if (exchanges.length === 0) out.push('  none found')
  out.push('')
  for (const ex of exchanges) {
    out.push(`  Exchange ${ex}:`)
    // A pair seen in both directions prints once, as `<=>`.
    const pairs: { from: string; to: string; bidir: boolean }[] = []
    for (const b of bridges.filter((m) => m.bridge.values.src === ex)) {
      const from = linkUrl(b.link)
      const to = b.holder
      let found = false
      for (const p of pairs) {
        if (p.from === from && p.to === to) found = true
        else if (p.to === from && p.from === to) found = p.bidir = true
      }
      if (!found) pairs.push({ from, to, bidir: false })
    }
    for (const p of pairs) out.push(`    ${p.from} ${p.bidir ? '<=>' : ' =>'} ${p.to}`)
    out.push('')
  }
  return out
}

function staticLine({ bridge, link, holder }: MappedBridge): string {
  const v = bridge.values
  const isQueue = Boolean(v.srcIsQueue)
  const [arrow, left, right] = v.srcIsLocal ? ['=>', v.src, v.dest] : ['<=', v.dest, v.src]
  const leftType = v.srcIsLocal && isQueue ? 'queue' : 'ex'
  const rightType = !v.srcIsLocal && isQueue ? 'queue' : 'ex'
  const line = `  ${holder}(${leftType}=${left}) ${arrow} ${linkUrl(link)}(${rightType}=${right})`
  return isQueue ? line : `${line} key=${v.key}`
}

/** Everything after the broker discovery, starting with its closing empty line. */
export function renderRouteMap(bridges: readonly MappedBridge[]): string {
  const dynamic = bridges.filter((b) => b.bridge.values.dynamic)
  const fixed = bridges.filter((b) => !b.bridge.values.dynamic)
  const out = ['', ...dynamicSection(dynamic), 'Static Routes:']
  if (fixed.length === 0) out.push('  none found')
  out.push('', ...fixed.map(staticLine), '')
  return `${out.join('\n')}\n`
}
