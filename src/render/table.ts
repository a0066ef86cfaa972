// The table engine of qpidtoollibs' Display (tools.md §0.4) and its Sorter (tools.md §2.1).
// Operators' scripts cut these tables by column position, so widths, padding, the unpadded last
// column and the 255-character cap on the `=` line are reproduced exactly. Hand-written rather than
// cli-table3: these rules (width = longest cell + 2, last header unpadded, separator cut at 255,
// Python 2 sort order) are the whole engine, and bending a general table library to them byte for
// byte would be more code than this.
import { PythonError } from '../protocol/errors.js'
import { type CellValue, type Format, formatCell } from './format.js'

export interface Header {
  text: string
  /** Formatter applied to every cell of the column; NONE by default. */
  format?: Format
}

export type Row = readonly CellValue[]

export interface TableOptions {
  /** Text before every line but the title; qpid-stat and qpid-config use two spaces. */
  prefix?: string
  /** Blank columns after each column's widest text. */
  spacing?: number
}

const SEPARATOR_LIMIT = 255

/** Length in Unicode code points, as Python counts a unicode string. */
function width(text: string): number {
  let n = 0
  for (const _ of text) n++
  return n
}

/**
 * Display.table: the title, then (only when there are rows) the header line, the `=` line and
 * one line per row. Cells are already text. Every line ends with `\n`.
 */
export function table(
  title: string,
  heads: readonly string[],
  rows: readonly string[][],
  opts: TableOptions = {},
): string {
  const prefix = opts.prefix ?? '  '
  const spacing = opts.spacing ?? 2
  if (rows.length === 0) return `${title}\n`
  const padded = rows.map((r) => heads.map((_, i) => r[i] ?? ''))
  const widths = heads.map((h, i) => Math.max(width(h), ...padded.map((r) => width(r[i]))) + spacing)
  const last = heads.length - 1
  const line = (cells: readonly string[]) =>
    prefix + cells.map((c, i) => (i < last ? c + ' '.repeat(Math.max(0, widths[i] - width(c))) : c)).join('')
  const separator = (prefix + '='.repeat(widths.reduce((a, b) => a + b, 0))).slice(0, SEPARATOR_LIMIT)
  return [title, line(heads), separator, ...padded.map(line)].map((l) => `${l}\n`).join('')
}

/** Display.formattedTable: formats each cell by its column's formatter, then lays out the table. */
export function formattedTable(
  title: string,
  heads: readonly Header[],
  rows: readonly Row[],
  opts?: TableOptions,
): string {
  const text = rows.map((row) => row.map((cell, i) => formatCell(heads[i]?.format ?? 'NONE', cell)))
  return table(
    title,
    heads.map((h) => h.text),
    text,
    opts,
  )
}

// Python 2 ordering of mixed values, as `cmp` saw them: None first, then numbers (booleans
// count as numbers), then everything else; strings compare by code unit.
function rank(v: CellValue): number {
  if (v === null || v === undefined) return 0
  if (typeof v === 'number' || typeof v === 'boolean') return 1
  if (typeof v === 'string') return 2
  return 3
}

/** Python 2 `cmp(a, b)` for the values the tools sort on. Containers compare equal to each other. */
export function pyCompare(a: CellValue, b: CellValue): number {
  const ra = rank(a)
  const rb = rank(b)
  if (ra !== rb) return ra - rb
  if (ra === 1) return Number(a) - Number(b)
  if (ra === 2) return (a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0
  return 0
}

export interface SortSpec {
  /** Header text of the column to sort on (exact match). */
  column: string
  /** Rows kept after sorting; 0 or less keeps all, as the original's `count == limit` test did. */
  limit: number
  increasing: boolean
}

/**
 * The Sorter: a stable ascending sort on the raw (unformatted) values, reversed unless
 * increasing (so ties come out in reverse input order), then the first `limit` rows.
 * An unknown column is the original's `Exception: sortCol '<name>', not found in headers`.
 */
export function sortRows<R extends Row>(heads: readonly Header[], rows: readonly R[], spec: SortSpec): R[] {
  const col = heads.findIndex((h) => h.text === spec.column)
  if (col === -1) throw new PythonError('Exception', `sortCol '${spec.column}', not found in headers`)
  const sorted = [...rows].sort((a, b) => pyCompare(a[col], b[col]))
  if (!spec.increasing) sorted.reverse()
  return spec.limit > 0 ? sorted.slice(0, spec.limit) : sorted
}
