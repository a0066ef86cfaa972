// How `qpid-stat --watch` writes each frame. On a terminal each frame redraws the screen in place: the cursor goes home, every line overwrites the old one and
// clears its own tail, and what is left below is cleared, so the screen never goes blank
// between frames. Piped, every snapshot is printed whole after a timestamp line (text) or as
// one JSON document per line (--json), so a log of them stays readable and parseable.
const HOME = '\x1b[H'
const CLEAR_SCREEN = '\x1b[2J'
const CLEAR_LINE_TAIL = '\x1b[K'
const CLEAR_BELOW = '\x1b[J'

export type WatchMode = 'tty' | 'log' | 'json-lines'

/** A terminal redraw of `text`; the first one also clears what was on the screen before. */
export function redraw(text: string, first: boolean): string {
  const body = text.replace(/\n/g, `${CLEAR_LINE_TAIL}\n`)
  return `${first ? CLEAR_SCREEN : ''}${HOME}${body}${CLEAR_BELOW}`
}

/** The line printed before each piped text snapshot. */
export function stampLine(at: Date): string {
  return `--- ${at.toISOString().replace(/\.\d{3}Z$/, 'Z')} ---\n`
}

/** How one snapshot is written in each mode. `text` is the view's output (JSON when --json). */
export function present(mode: WatchMode, text: string, first: boolean, at: Date): string {
  switch (mode) {
    case 'tty':
      return redraw(text, first)
    case 'log':
      return stampLine(at) + text
    case 'json-lines':
      return `${JSON.stringify({ time: at.toISOString(), ...JSON.parse(text) })}\n`
  }
}
