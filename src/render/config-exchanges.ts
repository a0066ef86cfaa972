// `qpid-config exchanges [filter]` (tools.md §1.4.2).
import { type QmfMap, type QmfObject, refName } from '../protocol/qmf-types.js'
import { ljust, matches, pyStrValue } from './config-text.js'

const TYPE_CAPTION = 'Type      '
const NAME_CAPTION = 'Exchange Name'

/** The `--durable --replicate=...` attributes the original shows for an exchange. */
export function exchangeAttributes(ex: QmfObject): string[] {
  const args = (ex.values.arguments ?? {}) as QmfMap
  const out: string[] = []
  if (ex.values.durable) out.push('--durable')
  if ('qpid.replicate' in args) out.push(`--replicate=${pyStrValue(args['qpid.replicate'])}`)
  if (args['qpid.msg_sequence']) out.push('--sequence')
  if (args['qpid.ive']) out.push('--ive')
  const alt = refName(ex.values.altExchange)
  if (alt) out.push(`--alternate-exchange=${alt}`)
  return out
}

/** The listing's lines, or undefined when no exchange matches the filter (the tool then exits 1). */
export function renderExchanges(exchanges: readonly QmfObject[], filter: string, ignoreDefault: boolean) {
  const names = exchanges.map((ex) => String(ex.values.name ?? ''))
  // The width counts every matching name, the default exchange too even with --ignore-default.
  const matching = names.filter((n) => matches(n, filter))
  if (matching.length === 0) return undefined
  const width = Math.max(NAME_CAPTION.length, ...matching.map((n) => [...n].length))
  const lines = [`${TYPE_CAPTION}${ljust(NAME_CAPTION, width)}  Attributes`]
  lines.push('='.repeat(5 * (Math.floor((width + TYPE_CAPTION.length) / 5) + 5)))
  exchanges.forEach((ex, i) => {
    if (ignoreDefault && names[i] === '') return
    if (!matches(names[i], filter)) return
    const attrs = exchangeAttributes(ex).map((a) => ` ${a}`)
    lines.push(`${ljust(String(ex.values.type ?? ''), 10)}${ljust(names[i], width)} ${attrs.join('')}`)
  })
  return lines
}
