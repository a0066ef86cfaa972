// `qpid-ha status` output: the status word; with --all one `<addr> <status>` line per broker, or
// `<addr> <error>` for a broker that could not be reached.
import type { QmfObject } from '../protocol/qmf-types.js'

export function statusWord(ha: QmfObject): string {
  return String(ha.values.status ?? 'None')
}

export function statusLine(address: string, ha: QmfObject): string {
  return `${address} ${statusWord(ha)}\n`
}

export function statusFailure(address: string, message: string): string {
  return `${address} ${message}\n`
}
