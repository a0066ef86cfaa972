// What every qpid-stat view shares: the snapshot it produces
// (the original's text and the --json rows from the same raw values) and the column-driven
// listing used by -c, -e, -q and -u.
import { type QmfObject, refName } from '../protocol/qmf-types.js'
import type { CellValue, Format } from './format.js'
import { type JsonValue, jsonValue } from './json.js'
import { formattedTable, type Header, type SortSpec, sortRows } from './table.js'

/** One rendering of a view: the text the original prints, and the named rows for --json. */
export interface Snapshot {
  text: string
  json: { [name: string]: JsonValue }
}

/** `obj.<attr>` as qpidtoollibs returns it: None when absent, references shortened to the name. */
export function attr(obj: QmfObject, key: string): CellValue {
  const v = obj.values[key]
  if (typeof v === 'object' && v !== null && !Array.isArray(v) && '_object_name' in v) return refName(v)
  return v
}

/** The original's `x or '-'` for process names and SASL fields. */
export function orDash(v: CellValue): CellValue {
  return v === undefined || v === null || v === '' || v === false || v === 0 ? '-' : v
}

export interface Column<T> {
  header: string
  format?: Format
  /** Key of the value in --json rows (the QMF property name where there is one). */
  key: string
  value(item: T): CellValue
}

/** A column showing one property or statistic of a QMF object. */
export function prop(header: string, key: string, format: Format = 'NONE'): Column<QmfObject> {
  return { header, key, format, value: (obj) => attr(obj, key) }
}

/** Raw rows, sorted and limited as -S/-I/-L ask, rendered as table and as JSON rows. */
export function listing<T>(
  title: string,
  jsonName: string,
  columns: readonly Column<T>[],
  items: readonly T[],
  sort: SortSpec | undefined,
): Snapshot {
  const heads: Header[] = columns.map((c) => ({ text: c.header, format: c.format }))
  const raw = items.map((item) => columns.map((c) => c.value(item)))
  const rows = sort ? sortRows(heads, raw, sort) : raw
  return {
    text: formattedTable(title, heads, rows),
    json: { [jsonName]: rows.map((row) => jsonRow(columns, row)) },
  }
}

/** A JSON object from raw cells, keyed by each column's key. */
export function jsonRow(columns: readonly { key: string }[], row: readonly CellValue[]): { [key: string]: JsonValue } {
  const out: { [key: string]: JsonValue } = {}
  columns.forEach((c, i) => {
    out[c.key] = jsonValue(row[i])
  })
  return out
}
