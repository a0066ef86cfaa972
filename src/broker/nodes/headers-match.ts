// Headers exchange matching (qpidd HeadersExchange): binding arguments other than `x-*` keys are
// compared with the message's application properties; `x-match` = `all` (default) or `any`.
// A binding value that is empty/void matches on presence of the key alone.

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (a === null || a === undefined || b === null || b === undefined) return false
  if (Buffer.isBuffer(a) || Buffer.isBuffer(b)) return String(a) === String(b)
  if (typeof a === 'object' || typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b)
  return String(a) === String(b)
}

export function headersMatch(args: Record<string, unknown>, props: Record<string, unknown> | undefined): boolean {
  const mode = args['x-match'] === undefined ? 'all' : String(args['x-match'])
  const any = mode === 'any'
  let seen = 0
  for (const k of Object.keys(args)) {
    if (k.startsWith('x-')) continue
    seen++
    const want = args[k]
    const has = props !== undefined && Object.hasOwn(props, k)
    const ok = has && (want === undefined || want === null || want === '' || sameValue(want, props[k]))
    if (any && ok) return true
    if (!any && !ok) return false
  }
  return any ? false : seen > 0
}
