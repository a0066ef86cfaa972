// qpidd-style logger: `YYYY-MM-DD HH:MM:SS [Category] level text`, selected by qpidd rules
// `LEVEL[+-][:PATTERN]` (e.g. `info+`, `debug+:HA`). The selector is changeable at run time
// (QMF setLogLevel), so rules are kept as text too.
import { appendFileSync } from 'node:fs'

export const LEVELS = ['trace', 'debug', 'info', 'notice', 'warning', 'error', 'critical'] as const
export type Level = (typeof LEVELS)[number]
export type Category =
  | 'Security'
  | 'Broker'
  | 'Management'
  | 'Protocol'
  | 'System'
  | 'HA'
  | 'Messaging'
  | 'Store'
  | 'Network'
  | 'Model'

interface Rule {
  level: number
  mode: '' | '+' | '-'
  pattern?: string
}

function parseRule(text: string): Rule {
  const m = /^(trace|debug|info|notice|warning|error|critical)([+-]?)(?::(.+))?$/.exec(text.trim())
  if (!m) throw new Error(`Invalid log selector: ${text}`)
  return { level: LEVELS.indexOf(m[1] as Level), mode: m[2] as Rule['mode'], pattern: m[3] }
}

/**
 * qpidd patterns name a category (`HA`) or a namespace/function fragment (`ha::`, `qpid::ha`); we
 * have categories only, so a pattern selects the category it names in either form.
 */
function patternMatches(pattern: string, cat: Category): boolean {
  const p = pattern.toLowerCase().replace(/:+$/, '')
  const c = cat.toLowerCase()
  return p === c || p.endsWith(`::${c}`)
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n)
}

export class Logger {
  private rules: Rule[] = []
  private selector = 'notice+'
  private file?: string
  private toStderr = true

  constructor(selectors: string[] = ['notice+'], opts: { file?: string; stderr?: boolean } = {}) {
    this.setSelector(selectors.join(' '))
    this.file = opts.file
    this.toStderr = opts.stderr ?? true
  }

  /** Replaces the rules; `text` is one or more space/comma-separated qpidd rules. Throws on bad text. */
  setSelector(text: string): void {
    const parts = text.split(/[\s,]+/).filter(Boolean)
    this.rules = parts.map(parseRule)
    this.selector = parts.join(' ')
  }

  getSelector(): string {
    return this.selector
  }

  enabled(level: Level, cat: Category): boolean {
    const l = LEVELS.indexOf(level)
    for (const r of this.rules) {
      if (r.pattern && !patternMatches(r.pattern, cat)) continue
      if (r.mode === '+' ? l >= r.level : r.mode === '-' ? l <= r.level : l === r.level) return true
    }
    return false
  }

  log(level: Level, cat: Category, text: string): void {
    if (!this.enabled(level, cat)) return
    const d = new Date()
    const ts = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
    const line = `${ts} [${cat}] ${level} ${text}\n`
    if (this.file) {
      try {
        appendFileSync(this.file, line)
      } catch {
        // a broken log file must not stop the broker
      }
    }
    if (this.toStderr) process.stderr.write(line)
  }

  debug(cat: Category, text: string): void {
    this.log('debug', cat, text)
  }
  info(cat: Category, text: string): void {
    this.log('info', cat, text)
  }
  notice(cat: Category, text: string): void {
    this.log('notice', cat, text)
  }
  warning(cat: Category, text: string): void {
    this.log('warning', cat, text)
  }
  error(cat: Category, text: string): void {
    this.log('error', cat, text)
  }
}
