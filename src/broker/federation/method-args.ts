// Method arguments as they arrive in a QMF request: strings may be AMQP binary, booleans may be
// integers or text, maps may be missing (qpidd then uses the type's default).
import { QmfError } from '../management/registry.js'

export function txt(v: unknown): string {
  if (v === undefined || v === null) return ''
  return Buffer.isBuffer(v) ? v.toString('utf8') : String(v)
}

export function truthy(v: unknown): boolean {
  if (typeof v === 'boolean') return v
  if (typeof v === 'number') return v !== 0
  const s = txt(v).toLowerCase()
  return s === 'true' || s === '1' || s === 'yes'
}

/** An integer argument, or `fallback` when absent; text that is no number is a parameter error. */
export function int(v: unknown, fallback: number): number {
  if (v === undefined || v === null || txt(v) === '') return fallback
  const n = typeof v === 'bigint' ? Number(v) : Number(txt(v))
  if (!Number.isFinite(n)) throw new QmfError(7, `invalid parameter to method call: ${txt(v)}`)
  return Math.trunc(n)
}

export function asMap(v: unknown, what: string): Record<string, unknown> {
  if (v === undefined || v === null) return {}
  if (typeof v !== 'object' || Array.isArray(v) || Buffer.isBuffer(v)) {
    throw new QmfError(7, `invalid parameter to method call: ${what}`)
  }
  return v as Record<string, unknown>
}
