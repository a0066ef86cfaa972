// Python-repr rendering of QMF values (tools.md §0.6). The tools print maps and lists with Python's
// `str()`, which is `repr()` for containers; the golden transcripts come from the Python 3 port, so
// strings carry no `u''` prefix and map keys keep the order they arrived in.
import { pyStr } from '../protocol/errors.js'
import { type QmfValue, Uuid } from '../protocol/qmf-types.js'

/** Python `repr(value)`: `{'k': 1, 'b': True, 's': 'x', 'n': None}`. */
export function pyRepr(value: QmfValue | undefined): string {
  if (value === null || value === undefined) return 'None'
  if (typeof value === 'string') return pyStr(value)
  if (typeof value === 'boolean') return value ? 'True' : 'False'
  if (typeof value === 'number') return pyNumber(value)
  // qpid-python's UUID class prints itself this way inside maps (golden 80).
  if (value instanceof Uuid) return `UUID('${value.toString()}')`
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`
  const items = Object.entries(value).map(([k, v]) => `${pyStr(k)}: ${pyRepr(v)}`)
  return `{${items.join(', ')}}`
}

/** Python `str(value)`: like repr, except that a top-level string prints bare. */
export function pyDisplay(value: QmfValue | undefined): string {
  if (typeof value === 'string') return value
  if (value instanceof Uuid) return value.toString()
  return pyRepr(value)
}

// Integers print bare. The AMQP decoding does not tell a double 1.0 from an integer 1, so a
// whole-valued double prints as an integer; other doubles print as Python's shortest repr,
// which JavaScript's number formatting matches in the usual range.
function pyNumber(n: number): string {
  if (Number.isNaN(n)) return 'nan'
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf'
  return String(n)
}
