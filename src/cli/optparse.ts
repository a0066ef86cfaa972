// An optparse-compatible argv scanner. The Python tools use optparse, whose rules differ from
// oclif's: options may stand anywhere (before the command words too), long options may be
// abbreviated to any unique prefix, and the error texts are optparse's own. Operators' scripts
// depend on all of that, so we scan argv ourselves and hand oclif a canonical argv.

export type OptionValueType = 'string' | 'int' | 'float' | 'choice'

export interface OptionSpec {
  /** Long name without dashes, e.g. `broker`. Also the key in the parsed options. */
  long: string
  /** Single-letter short form without the dash, e.g. `b`. */
  short?: string
  /** Absent for boolean switches. */
  type?: OptionValueType
  choices?: readonly string[]
  /** optparse `action="append"`: every occurrence is kept. */
  multiple?: boolean
  /** Options that store into the same key (optparse `dest`), e.g. `-a/--broker-addr` → `broker`. */
  dest?: string
  /** optparse `action="help"`: acted on where it appears, so scanning stops there (later errors are not seen). */
  exits?: boolean
  /** Only on options the original lacks: what they do, listed in the Extensions section of `--help`. */
  extension?: string
  /** How the value is shown in help texts after the option name (default `=<DEST>`), e.g. `[=SECONDS]`. */
  metavar?: string
}

export type OptionValue = string | number | boolean | Array<string | number>
export type ParsedOptions = Record<string, OptionValue>

export interface ParsedArgv {
  options: ParsedOptions
  positionals: string[]
  /** Options in argv order as [key, value] pairs, for tools where the last of a group wins. */
  order: Array<[string, OptionValue]>
  /** Key of the `exits` option that ended the scan, if one did. */
  exit?: string
}

/** An optparse usage error; `message` is the text after `<prog>: error: `. */
export class OptparseError extends Error {
  override name = 'OptparseError'
}

function pyRepr(s: string): string {
  return s.includes("'") && !s.includes('"') ? `"${s}"` : `'${s.replaceAll("'", "\\'")}'`
}

// optparse's `_parse_num`: the radix comes from the raw text's prefix (`0x` hex, `0b` binary, any
// other leading `0` octal, so `010` is 8 and `09` is an error), then Python's `int(text, radix)`,
// which allows surrounding whitespace, a sign (not before a prefix optparse saw) and `_` between digits.
const DIGITS: Record<number, string> = { 2: '[01]', 8: '[0-7]', 10: '[0-9]', 16: '[0-9a-fA-F]' }
const PREFIX: Record<number, string> = { 2: '', 8: '(?:0[oO])?', 10: '', 16: '(?:0[xX])?' }

export function parseOptparseInt(raw: string): number | undefined {
  const head = raw.slice(0, 2).toLowerCase()
  let radix = 10
  let text = raw
  if (head === '0x') radix = 16
  else if (head === '0b') {
    radix = 2
    text = raw.slice(2) || '0'
  } else if (raw.startsWith('0')) radix = 8
  const d = DIGITS[radix]
  const m = new RegExp(`^\\s*([-+]?)${PREFIX[radix]}(${d}+(?:_${d}+)*)\\s*$`).exec(text)
  if (!m) return undefined
  const n = Number.parseInt(m[2].replaceAll('_', ''), radix)
  return m[1] === '-' ? -n : n
}

function convert(spec: OptionSpec, opt: string, raw: string): string | number {
  switch (spec.type) {
    case 'int': {
      const n = parseOptparseInt(raw)
      if (n === undefined) throw new OptparseError(`option ${opt}: invalid integer value: ${pyRepr(raw)}`)
      return n
    }
    case 'float': {
      const n = Number(raw.trim())
      if (raw.trim() === '' || Number.isNaN(n)) {
        throw new OptparseError(`option ${opt}: invalid floating-point value: ${pyRepr(raw)}`)
      }
      return n
    }
    case 'choice': {
      const choices = spec.choices ?? []
      if (!choices.includes(raw)) {
        const list = choices.map((c) => `'${c}'`).join(', ')
        throw new OptparseError(`option ${opt}: invalid choice: ${pyRepr(raw)} (choose from ${list})`)
      }
      return raw
    }
    default:
      return raw
  }
}

function matchLong(name: string, specs: readonly OptionSpec[]): OptionSpec {
  const exact = specs.find((s) => s.long === name)
  if (exact) return exact
  const candidates = specs.filter((s) => s.long.startsWith(name)).map((s) => `--${s.long}`)
  if (candidates.length === 1) return specs.find((s) => `--${s.long}` === candidates[0])!
  if (candidates.length === 0) throw new OptparseError(`no such option: --${name}`)
  candidates.sort()
  throw new OptparseError(`ambiguous option: --${name} (${candidates.join(', ')}?)`)
}

/**
 * Scans argv the way optparse does with `allow_interspersed_args` (its default).
 * Throws OptparseError with optparse's message on the first bad option.
 */
export function parseArgv(argv: readonly string[], specs: readonly OptionSpec[]): ParsedArgv {
  const options: ParsedOptions = {}
  const positionals: string[] = []
  const order: Array<[string, OptionValue]> = []

  const store = (spec: OptionSpec, value: string | number | boolean) => {
    const key = spec.dest ?? spec.long
    if (spec.multiple) {
      const list = (options[key] as Array<string | number> | undefined) ?? []
      list.push(value as string | number)
      options[key] = list
    } else {
      options[key] = value
    }
    order.push([key, value])
  }

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1))
      break
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=')
      const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq)
      const spec = matchLong(name, specs)
      const opt = `--${spec.long}`
      if (!spec.type) {
        if (eq !== -1) throw new OptparseError(`${opt} option does not take a value`)
        store(spec, true)
        if (spec.exits) return { options, positionals, order, exit: spec.dest ?? spec.long }
        continue
      }
      let raw: string
      if (eq !== -1) raw = arg.slice(eq + 1)
      else if (i + 1 < argv.length) raw = argv[++i]
      else throw new OptparseError(`${opt} option requires 1 argument`)
      store(spec, convert(spec, opt, raw))
      continue
    }
    if (arg.startsWith('-') && arg.length > 1) {
      // A cluster of short options; the first one that takes a value eats the rest of the token
      // (or the next token).
      for (let j = 1; j < arg.length; j++) {
        const ch = arg[j]
        const spec = specs.find((s) => s.short === ch)
        if (!spec) throw new OptparseError(`no such option: -${ch}`)
        if (!spec.type) {
          store(spec, true)
          if (spec.exits) return { options, positionals, order, exit: spec.dest ?? spec.long }
          continue
        }
        let raw: string
        if (j + 1 < arg.length) raw = arg.slice(j + 1)
        else if (i + 1 < argv.length) raw = argv[++i]
        else throw new OptparseError(`-${ch} option requires 1 argument`)
        store(spec, convert(spec, `-${ch}`, raw))
        break
      }
      continue
    }
    positionals.push(arg)
  }
  return { options, positionals, order }
}

/**
 * Rebuilds an argv that oclif parses without surprises: every option once, by its `dest`
 * name with an attached value (the last occurrence wins, as in optparse; append options keep
 * all), then `--` and the positionals (so a positional that starts with `-` stays positional).
 */
export function canonicalArgv(parsed: ParsedArgv): string[] {
  const out: string[] = []
  for (const [key, value] of Object.entries(parsed.options)) {
    for (const v of Array.isArray(value) ? value : [value]) out.push(v === true ? `--${key}` : `--${key}=${v}`)
  }
  if (parsed.positionals.length > 0) out.push('--', ...parsed.positionals)
  return out
}
