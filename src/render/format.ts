// The cell formatters of qpidtoollibs' Display (tools.md §0.5). They reproduce the Python 2
// arithmetic the tools relied on (floor division, `%4d`, round-half-even on exact ties), so that
// operators' scripts see the same text. A formatter that cannot handle a value throws; the table
// engine turns that into `?`, as the original's bare `except` did.
import type { QmfValue } from '../protocol/qmf-types.js'
import { pyDisplay } from './pyrepr.js'

/** What a table cell may hold before formatting: a QMF value, already-rendered text, or nothing. */
export type CellValue = QmfValue | undefined

export type Format = 'NONE' | 'KMG' | 'YN' | 'Y' | 'TIME_LONG' | 'TIME_SHORT' | 'DURATION' | 'COMMAS'

/** Python truthiness: None, False, 0, '' and empty containers are false. */
export function truthy(value: CellValue): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return false
  if (Array.isArray(value)) return value.length > 0
  if (typeof value === 'object' && value.constructor === Object) return Object.keys(value).length > 0
  return true
}

function numeric(value: CellValue): number {
  if (typeof value === 'number') return value
  if (typeof value === 'boolean') return value ? 1 : 0
  throw new TypeError(`not a number: ${pyDisplay(value)}`)
}

/** Python 2 `/` on the value: floor division for integers, true division for floats. */
function div(v: number, d: number): number {
  return Number.isInteger(v) ? Math.floor(v / d) : v / d
}

function padLeft(text: string, width: number): string {
  return text.padStart(width, ' ')
}

/** `%<width>d`: Python's %d truncates floats toward zero. */
function pyInt(v: number, width: number): string {
  return padLeft(String(Math.trunc(v)), width)
}

/**
 * `'%1.2f' % (v / 1000.)` or `'%2.1f'`. toFixed rounds an exact binary tie away from zero where
 * Python rounds it to even; v/1000 is an exact tie only when v is a multiple of 125, so only
 * those integer values need the correction.
 */
function thousandths(v: number, digits: 1 | 2): string {
  const unit = 10 ** (3 - digits)
  if (Number.isInteger(v) && v % 125 === 0 && v % unit === unit / 2) {
    const down = Math.floor(v / unit)
    const even = down % 2 === 0 ? down : down + 1
    return (even / 10 ** digits).toFixed(digits)
  }
  return (v / 1000).toFixed(digits)
}

function kmgCell(v: number, tag: string): string {
  const fp = v / 1000
  if (fp < 10) return `${thousandths(v, 2)}${tag}`
  if (fp < 100) return `${thousandths(v, 1)}${tag}`
  return `${pyInt(div(v, 1000), 4)}${tag}`
}

/** KMG: `%4d` below 1000, else 3 significant digits with a k/m/g suffix. */
export function kmg(value: CellValue): string {
  let v = numeric(value)
  if (v < 1000) return pyInt(v, 4)
  if (v < 1_000_000) return kmgCell(v, 'k')
  v = div(v, 1000)
  if (v < 1_000_000) return kmgCell(v, 'm')
  v = div(v, 1000)
  return kmgCell(v, 'g')
}

/** COMMAS: groups of three from the right over `str(value)`, Python quirks included (`-,123,456`). */
export function commas(value: CellValue): string {
  let s = pyDisplay(value)
  let out = ''
  while (s.length > 0) {
    const left = s.slice(0, -3)
    out = s.slice(-3) + out
    if (left.length > 0) out = `,${out}`
    s = left
  }
  return out
}

export function yn(value: CellValue): string {
  return truthy(value) ? 'Y' : 'N'
}

export function y(value: CellValue): string {
  return truthy(value) ? 'Y' : ''
}

/** DURATION of nanoseconds: `2d 3h 4m 5s`, leading zero units left out, negative shown as 0s. */
export function duration(value: CellValue): string {
  let ns = numeric(value)
  if (ns < 0) ns = 0
  const sec = div(ns, 1e9)
  const min = div(sec, 60)
  const hour = div(min, 60)
  const day = div(hour, 24)
  let out = ''
  if (day > 0) out = `${Math.trunc(day)}d `
  if (hour > 0 || out !== '') out += `${Math.trunc(hour % 24)}h `
  if (min > 0 || out !== '') out += `${Math.trunc(min % 60)}m `
  return `${out}${Math.trunc(sec % 60)}s`
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

function utcOf(value: CellValue): Date {
  const d = new Date(div(numeric(value), 1e9) * 1000)
  if (Number.isNaN(d.getTime())) throw new RangeError('time out of range')
  return d
}

function clock(d: Date): string {
  const two = (n: number) => String(n).padStart(2, '0')
  return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`
}

/** TIME_LONG: C-locale `strftime("%c")` in UTC, e.g. `Tue Nov 14 22:13:20 2023`. */
export function timeLong(value: CellValue): string {
  const d = utcOf(value)
  const day = String(d.getUTCDate()).padStart(2, ' ')
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${day} ${clock(d)} ${d.getUTCFullYear()}`
}

/** TIME_SHORT: C-locale `strftime("%X")` in UTC, e.g. `22:13:20`. */
export function timeShort(value: CellValue): string {
  return clock(utcOf(value))
}

const FORMATTERS: Record<Format, (v: CellValue) => string> = {
  NONE: pyDisplay,
  KMG: kmg,
  YN: yn,
  Y: y,
  TIME_LONG: timeLong,
  TIME_SHORT: timeShort,
  DURATION: duration,
  COMMAS: commas,
}

/** One cell as Display shows it: empty for None, `?` when the formatter cannot handle the value. */
export function formatCell(format: Format, value: CellValue): string {
  if (value === null || value === undefined) return ''
  try {
    return FORMATTERS[format](value)
  } catch {
    return '?'
  }
}
