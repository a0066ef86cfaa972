// Reads the golden transcripts of the real tools, kept with the tests in test/fixtures/golden/
// (see the README there for where they come from).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from './broker.js'

export const GOLDEN_DIR = join(ROOT, 'test/fixtures/golden')

/** The whole transcript file. */
export const goldenText = (file: string): string => readFileSync(join(GOLDEN_DIR, file), 'utf8')

export interface Transcript {
  /** The command's arguments after the program name, split at spaces. */
  args: string[]
  stdout: string
  stderr: string
  code: number
}

/** Splits a transcript (`$ <command>`, `exit code: N`, `--- stdout ---`, `--- stderr ---`) into its parts. */
export function parseTranscript(text: string): Transcript {
  const command = /^\$ (\S+) ?(.*)$/m.exec(text)
  const code = /^exit code: (\d+)$/m.exec(text)
  const stdoutAt = text.indexOf('--- stdout ---\n')
  const stderrAt = text.indexOf('--- stderr ---\n')
  if (!command || !code || stdoutAt === -1 || stderrAt === -1) throw new Error('not a golden transcript')
  return {
    args: command[2] === '' ? [] : command[2].split(' '),
    stdout: text.slice(stdoutAt + 15, stderrAt),
    stderr: text.slice(stderrAt + 15),
    code: Number(code[1]),
  }
}

/** Golden `file`, parsed. */
export const golden = (file: string): Transcript => parseTranscript(goldenText(file))

/** What the real tool printed on stdout in golden `file`. */
export const goldenStdout = (file: string): string => golden(file).stdout

/** What the real tool printed on stderr in golden `file`. */
export const goldenStderr = (file: string): string => golden(file).stderr
