// What a broker returns (queue names, error texts, property values) reaches the operator's
// terminal through the tools' output. Control characters in it could move the cursor, retitle the
// window or hide text, so every tool's stdout and stderr show them escaped (`\x1b`), as Python's
// repr would; newlines and tabs stay. JSON output needs nothing (JSON.stringify escapes them), and
// the writers that mean their escape codes (the --watch redraw, prompts, spinners) use writeRaw.
import readline from 'node:readline'
import { Writable } from 'node:stream'

// C0 controls but tab and newline, DEL, and the C1 controls (U+0080..U+009F)
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g

/** `text` with every control character but newline and tab written as `\xNN`. */
export function escapeControls(text: string): string {
  return text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
}

type Write = typeof process.stdout.write
let rawStdoutWrite: Write | undefined
let rawWritten = false

function guard(stream: NodeJS.WriteStream): Write {
  const original = stream.write.bind(stream) as Write
  stream.write = ((chunk: unknown, ...rest: unknown[]) =>
    (original as (c: unknown, ...r: unknown[]) => boolean)(
      typeof chunk === 'string' ? escapeControls(chunk) : chunk,
      ...rest,
    )) as Write
  return original
}

/** Escapes control characters in everything this process writes to stdout and stderr from now on. */
export function installOutputGuard(): void {
  if (rawStdoutWrite) return
  rawStdoutWrite = guard(process.stdout)
  guard(process.stderr)
}

/** Writes to stdout unescaped: for escape codes the tool itself means (the terminal redraw). */
export function writeRaw(text: string): void {
  rawWritten = true
  ;(rawStdoutWrite ?? process.stdout.write.bind(process.stdout))(text)
}

/**
 * stdout as a stream for a terminal widget (a prompt, a spinner): its cursor and colour codes go out
 * raw, so the widget must escape any text it did not write itself.
 */
export function rawTerminal(): Writable {
  const out = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      writeRaw(chunk.toString())
      done()
    },
  })
  // the tty.WriteStream methods widgets call, writing their codes through the stream itself
  return Object.assign(out, {
    isTTY: true,
    columns: process.stdout.columns,
    rows: process.stdout.rows,
    cursorTo: (x: number, y?: number) => readline.cursorTo(out, x, y),
    moveCursor: (dx: number, dy: number) => readline.moveCursor(out, dx, dy),
    clearLine: (dir: -1 | 0 | 1) => readline.clearLine(out, dir),
    clearScreenDown: () => readline.clearScreenDown(out),
  })
}

/** Whether writeRaw has written anything: a stream (the --watch frames) has then begun on stdout. */
export function wroteRaw(): boolean {
  return rawWritten
}
