// `qpid-config list <type> [--show-property p]...` (tools.md §1.9): any object class as a Display
// table, one column per chosen property.
import type { QmfObject, QmfValue } from '../protocol/qmf-types.js'
import { formattedTable } from './table.js'

const DEFAULT_COLUMNS: Record<string, string[]> = {
  exchange: ['name', 'type', 'durable'],
  queue: ['name', 'durable', 'autoDelete'],
}

export interface ListColumns {
  columns: string[]
  /** `--show-property` names no object has. */
  unknown: string[]
}

/** Every property seen, in encounter order, with `name` first when present. */
export function attributeNames(objects: readonly QmfObject[]): string[] {
  const seen = new Set<string>()
  for (const o of objects) for (const k of Object.keys(o.values)) seen.add(k)
  const names = [...seen]
  return seen.has('name') ? ['name', ...names.filter((n) => n !== 'name')] : names
}

export function listColumns(
  type: string,
  objects: readonly QmfObject[],
  showProperties: readonly string[],
): ListColumns {
  const attributes = attributeNames(objects)
  if (showProperties.length > 0) {
    return {
      columns: showProperties.filter((p) => attributes.includes(p)),
      unknown: showProperties.filter((p) => !attributes.includes(p)),
    }
  }
  return { columns: DEFAULT_COLUMNS[type] ?? attributes.slice(0, 6), unknown: [] }
}

// A reference shows the part of the object name after its second `:` (split into at most 3 parts).
function cleanRef(v: QmfValue | undefined): QmfValue | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || !('_object_name' in v)) return v
  const parts = String(v._object_name).split(':')
  return parts.length <= 3 ? parts[parts.length - 1] : parts.slice(2).join(':')
}

/** The warnings and the table, as the original prints them. */
export function renderList(type: string, objects: readonly QmfObject[], showProperties: readonly string[]): string {
  const { columns, unknown } = listColumns(type, objects, showProperties)
  const warnings = unknown.map((p) => `Warning: No such property '${p}' for type '${type}'\n`).join('')
  const rows = objects.map((o) => columns.map((c) => (c in o.values ? cleanRef(o.values[c]) : 'n/a')))
  const table = formattedTable(
    `Objects of type '${type}'`,
    columns.map((text) => ({ text })),
    rows,
    { prefix: '  ' },
  )
  return warnings + table
}
