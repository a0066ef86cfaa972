// Reads the golden transcripts of the real tools (../shared/spec/golden, beside the project).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from './broker.js'

function section(file: string, name: 'stdout' | 'stderr'): string {
  const text = readFileSync(join(ROOT, '../shared/spec/golden', file), 'utf8')
  const after = text.split(`--- ${name} ---\n`)[1] ?? ''
  return name === 'stdout' ? after.split('--- stderr ---')[0] : after
}

/** What the real tool printed on stdout in golden `file`. */
export const goldenStdout = (file: string): string => section(file, 'stdout')

/** What the real tool printed on stderr in golden `file`. */
export const goldenStderr = (file: string): string => section(file, 'stderr')
