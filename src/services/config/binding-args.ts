// The binding properties `bind` derives from the exchange type and the words after the binding
// key (tools.md §1.7): an XQuery for xml exchanges, `x-match` plus header values for headers ones.
import { readFileSync } from 'node:fs'
import type { QmfMap } from '../../protocol/qmf-types.js'

export type BindingArgs = { ok: true; properties: QmfMap } | { ok: false; message: string }

/** `all|any k=v ...`: each item split at `=`, the first two parts kept. */
export function headersBindingArgs(rest: readonly string[]): BindingArgs {
  if (rest.length < 2) return { ok: false, message: "Invalid args to bind headers:  need 'any'/'all' plus conditions" }
  const [op, ...conditions] = rest
  if (op !== 'all' && op !== 'any') {
    return { ok: false, message: `Invalid condition arg to bind headers, need 'any' or 'all', not '${op}'` }
  }
  const properties: QmfMap = {}
  for (const c of conditions) {
    const parts = c.split('=')
    // The original indexed part [1] unconditionally; a condition without `=` made it crash.
    if (parts.length < 2) return { ok: false, message: `Invalid condition arg to bind headers, need k=v, not '${c}'` }
    properties[parts[0]] = parts[1]
  }
  properties['x-match'] = op
  return { ok: true, properties }
}

/** `-f <file>` (or `-f -` for stdin) supplies the XQuery; a missing file throws the fs error. */
export function xmlBindingArgs(file: string | undefined, readStdin: () => string): BindingArgs {
  if (!file) return { ok: false, message: 'Invalid args to bind xml:  need an input file or stdin' }
  return { ok: true, properties: { xquery: file === '-' ? readStdin() : readFileSync(file, 'utf8') } }
}
