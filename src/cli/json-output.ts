// The --json contract (docs/json.md): whatever happens, stdout carries exactly one JSON document
// and the exit code is the text output's. Under --json everything a command writes to stdout is
// held back until the process exits, then judged once: the command's own document goes out as it
// is; a failure becomes `{"error": {"type", "message"}}`; a command with nothing structured to
// say (`add queue`, `route map`) gets `{"ok": true}`, with the lines it printed under `output`.
// Judging at the one exit point covers every path, including usage texts, optparse errors and
// Ctrl-C, without each command knowing about it.
import { writeRaw, wroteRaw } from './output-guard.js'

interface Failure {
  type: string
  message: string
}

let held: string[] | undefined
let broker: string | undefined
let failure: Failure | undefined

/** `--json`, or a unique prefix of it down to `--j`, before any `--`. */
export function jsonRequested(argv: readonly string[]): boolean {
  const end = argv.indexOf('--')
  return (end === -1 ? argv : argv.slice(0, end)).some((a) => a.length >= 3 && '--json'.startsWith(a))
}

/** Whether this run is under --json. */
export function jsonMode(): boolean {
  return held !== undefined
}

/** Holds back stdout from now on and writes the one document when the process exits. */
export function holdStdoutForJson(): void {
  if (held) return
  held = []
  const list = held
  process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => {
    list.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'))
    const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined
    done?.()
    return true
  }) as typeof process.stdout.write
  process.once('exit', (code) => writeRaw(finalDocument(list.join(''), code)))
}

/** The broker a document is about (`host:port`): the first one the run names (later ones are its peers). */
export function noteBroker(label: string): void {
  broker ??= label
}

/** The error the run ends with: its document names it instead of the text line the tool printed. */
export function noteFailure(type: string, message: string): void {
  failure ??= { type, message }
}

/** Writes `body` as the run's document, under the `broker` noted so far. */
export function writeJsonResult(body: object): void {
  process.stdout.write(`${JSON.stringify({ ...(broker === undefined ? {} : { broker }), ...body }, null, 2)}\n`)
}

// JSON.stringify leaves DEL and the C1 controls raw, and the output guard would turn them into
// `\xNN`, which is no JSON escape; inside a document they can only stand in strings.
const C1 = /[\u007f-\u009f]/g
const escapeC1 = (text: string) => text.replace(C1, (c) => `\\u00${c.charCodeAt(0).toString(16)}`)

function parses(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

/** What stdout gets at exit, from what the command wrote and its exit code. */
export function finalDocument(text: string, code: number): string {
  const streamed = wroteRaw()
  const about = broker === undefined ? {} : { broker }
  const doc = (value: object) => `${escapeC1(streamed ? JSON.stringify(value) : JSON.stringify(value, null, 2))}\n`
  if (failure) return doc({ ...about, error: failure })
  // --watch has written its own documents, one per line
  if (streamed) return text.trim() === '' ? '' : doc({ ...about, output: lines(text) })
  if (text.trim() !== '' && parses(text)) return escapeC1(text)
  if (code !== 0) {
    const message = text.trim() === '' ? `exit status ${code}` : text.trim()
    return doc({ ...about, error: { type: 'Exception', message } })
  }
  return doc({ ...about, ok: true, ...(text.trim() === '' ? {} : { output: lines(text) }) })
}

function lines(text: string): string[] {
  return text.replace(/\n$/, '').split('\n')
}
