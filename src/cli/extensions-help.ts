// The Extensions section each tool prints after the original's help text (which stays byte for
// byte the original's): the options the original lacks, from the same option tables the scanner
// reads, laid out as optparse lays out options (help column 24, 79 columns).
import type { OptionSpec } from './optparse.js'

const COLUMN = 24
const WIDTH = 79

function wrap(text: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else line = line === '' ? word : `${line} ${word}`
  }
  return [...lines, line]
}

/** `-x, --name=<NAME>` as help texts show an option. */
export function optionLabel(spec: OptionSpec): string {
  const value = spec.metavar ?? (spec.type ? `=<${(spec.dest ?? spec.long).toUpperCase()}>` : '')
  return `${spec.short ? `-${spec.short}, ` : ''}--${spec.long}${value}`
}

/** One option as optparse prints it: the label, its text from column 24 (on the next line when the label is long). */
export function optionHelp(label: string, text: string): string {
  const [first, ...rest] = wrap(text, WIDTH - COLUMN)
  const head = `  ${label}`
  const lines = head.length < COLUMN - 1 ? [`${head.padEnd(COLUMN)}${first}`] : [head, `${' '.repeat(COLUMN)}${first}`]
  return [...lines, ...rest.map((l) => `${' '.repeat(COLUMN)}${l}`)].map((l) => `${l}\n`).join('')
}

/**
 * The section for `specs` (those with an `extension` text) and `notes` (paragraphs on behaviour that
 * differs from the original's help), or '' when there is nothing to list.
 */
export function extensionsHelp(tool: string, specs: readonly OptionSpec[], notes: readonly string[] = []): string {
  const options = specs.filter((s) => s.extension !== undefined)
  if (options.length === 0 && notes.length === 0) return ''
  const body = options.map((s) => optionHelp(optionLabel(s), s.extension as string)).join('')
  const paragraphs = notes
    .map(
      (n) =>
        `\n${wrap(n, WIDTH - 2)
          .map((l) => `  ${l}\n`)
          .join('')}`,
    )
    .join('')
  return `\nExtensions (not in the original ${tool}; docs/compat.md):\n${body}${paragraphs}`
}
