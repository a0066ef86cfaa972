// `qpid-route link list`: the original's fixed-width link table (tools.md §4.4 listLinks).
import type { QmfObject } from '../protocol/qmf-types.js'

const HEADER = 'Host            Port    Transport Durable  State             Last Error'
const RULE = '='.repeat(77)

/** One row: `%-16s%-8d%-13s%c     %-18s%s` (no truncation: a long host runs into the port). */
export function linkRow(link: QmfObject): string {
  const v = link.values
  const durable = v.durable === true || v.durable === 1 ? 'Y' : 'N'
  return (
    String(v.host).padEnd(16) +
    String(Math.trunc(Number(v.port))).padEnd(8) +
    String(v.transport).padEnd(13) +
    durable +
    '     ' +
    String(v.state).padEnd(18) +
    String(v.lastError ?? 'None')
  )
}

/** The whole listing, newline-terminated. */
export function renderLinks(links: readonly QmfObject[]): string {
  if (links.length === 0) return 'No Links Found\n'
  return ['', HEADER, RULE, ...links.map(linkRow)].join('\n') + '\n'
}
