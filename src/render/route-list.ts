// `qpid-route route list`: one line per bridge whose link is known (tools.md §4.4 listRoutes):
// `<local url> <link host>:<port> <dest> <key, right-aligned in 10> <srcIsLocal>`.
import type { QmfObject } from '../protocol/qmf-types.js'

export interface RouteRow {
  bridge: QmfObject
  link: QmfObject
}

/** Pairs each bridge with its link, in the broker's bridge order; bridges on unknown links drop out. */
export function routeRows(links: readonly QmfObject[], bridges: readonly QmfObject[]): RouteRow[] {
  const rows: RouteRow[] = []
  for (const bridge of bridges) {
    const ref = (bridge.values.linkRef as { _object_name?: unknown } | undefined)?._object_name
    const link = links.find((l) => l.objectName === ref)
    if (link) rows.push({ bridge, link })
  }
  return rows
}

/** The key column: `<dynamic>` for dynamic routes, else the key, or the source queue of a queue route. */
export function keyText(bridge: QmfObject): string {
  const v = bridge.values
  return v.dynamic ? '<dynamic>' : String(v.key || v.src || '')
}

export function renderRoutes(localName: string, rows: readonly RouteRow[]): string {
  return rows
    .map(({ bridge, link }) => {
      const v = bridge.values
      const hostPort = `${link.values.host}:${Math.trunc(Number(link.values.port))}`
      return `${localName} ${hostPort} ${v.dest} ${keyText(bridge).padStart(10)} ${v.srcIsLocal ? 'True' : 'False'}\n`
    })
    .join('')
}
