// `qpid-ha query` output: five `%-20s %s` lines per broker; with --all each block starts with
// `Address:` and ends with an empty line, and an unreachable broker prints `<addr> <error>`.
import type { QmfObject, QmfValue } from '../protocol/qmf-types.js'

function py(v: QmfValue | undefined): string {
  return v === undefined || v === null ? 'None' : String(v)
}

function line(label: string, value: string): string {
  return `${label.padEnd(20)} ${value}\n`
}

export function queryBlock(ha: QmfObject, address?: string): string {
  const v = ha.values
  let out = address === undefined ? '' : line('Address:', address)
  out += line('Status:', py(v.status))
  out += line('Broker ID:', py(v.systemId))
  out += line('Brokers URL:', py(v.brokersUrl))
  out += line('Public URL:', py(v.publicUrl))
  out += line('Replicate: ', py(v.replicateDefault))
  return address === undefined ? out : `${out}\n`
}

export function queryFailure(address: string, message: string): string {
  return `${address} ${message}\n\n`
}
