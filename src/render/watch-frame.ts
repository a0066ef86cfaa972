// How `--watch` (qpid-stat, qpid-ha) writes each refresh. On a terminal each refresh redraws the
// screen in place under a header with the time and the interval: the cursor goes home, every line
// overwrites the old one and clears its own tail, and what is left below is cleared, so the screen
// never goes blank between refreshes. Piped, every snapshot is printed whole after a timestamp line
// (text) or as one JSON document per line (--json), so a log of them stays readable and parseable.
// A failed refresh shows the tool's error line and how old the last good data is; on a terminal
// that data stays on the screen below them, marked as old.
const HOME = '\x1b[H'
const CLEAR_SCREEN = '\x1b[2J'
const CLEAR_LINE_TAIL = '\x1b[K'
const CLEAR_BELOW = '\x1b[J'

export type WatchMode = 'tty' | 'log' | 'json-lines'

/** What one refresh produced: the view's text (JSON when --json), or the error that stopped it. */
export type Refresh = { text: string } | { error: RefreshError }

export interface RefreshError {
  /** The tool's own error line, e.g. `Failed: Timeout - no response from broker within 1 s`. */
  line: string
  /** For JSON: the Python class name and the message. */
  type: string
  message: string
}

export interface FrameContext {
  /** The first frame of the watch also clears what was on the screen before. */
  first: boolean
  at: Date
  intervalS: number
  /** The last refresh that succeeded, if any. */
  lastGood?: { text: string; at: Date }
}

/** A terminal redraw of `text`; the first one also clears what was on the screen before. */
export function redraw(text: string, first: boolean): string {
  const body = text.replace(/\n/g, `${CLEAR_LINE_TAIL}\n`)
  return `${first ? CLEAR_SCREEN : ''}${HOME}${body}${CLEAR_BELOW}`
}

/** The line printed before each piped text snapshot. */
export function stampLine(at: Date): string {
  return `--- ${utcSeconds(at)} ---\n`
}

/** The terminal header: when this refresh was made (local time) and how often it is repeated. */
export function headerLine(at: Date, intervalS: number): string {
  return `Every ${intervalS} s, last refresh ${localTime(at)}\n`
}

/** How one refresh is written in each mode. */
export function present(mode: WatchMode, refresh: Refresh, ctx: FrameContext): string {
  if ('text' in refresh) {
    switch (mode) {
      case 'tty':
        return redraw(`${headerLine(ctx.at, ctx.intervalS)}\n${refresh.text}`, ctx.first)
      case 'log':
        return stampLine(ctx.at) + refresh.text
      case 'json-lines':
        return `${JSON.stringify({ time: ctx.at.toISOString(), ...JSON.parse(refresh.text) })}\n`
    }
  }
  const { error } = refresh
  const last = ctx.lastGood
  const age = last ? ageSeconds(last.at, ctx.at) : undefined
  switch (mode) {
    case 'tty': {
      const below = last ? `Showing the data of ${localTime(last.at)}, ${age} s old:\n\n${last.text}` : 'No data yet.\n'
      return redraw(`${headerLine(ctx.at, ctx.intervalS)}\n${error.line}\n${below}`, ctx.first)
    }
    case 'log': {
      const note = last ? `Last good data: ${utcSeconds(last.at)}, ${age} s old\n` : 'No good data yet\n'
      return `${stampLine(ctx.at)}${error.line}\n${note}`
    }
    case 'json-lines':
      return `${JSON.stringify({
        time: ctx.at.toISOString(),
        error: { type: error.type, message: error.message },
        lastGood: last ? { time: last.at.toISOString(), ageSeconds: age } : null,
      })}\n`
  }
}

/** Seconds from `from` to `to`, to a tenth. */
function ageSeconds(from: Date, to: Date): number {
  return Math.round((to.getTime() - from.getTime()) / 100) / 10
}

function utcSeconds(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

const two = (n: number) => String(n).padStart(2, '0')

/** `YYYY-MM-DD HH:MM:SS` in the local time zone: what an operator's clock shows. */
function localTime(at: Date): string {
  const date = `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}`
  return `${date} ${two(at.getHours())}:${two(at.getMinutes())}:${two(at.getSeconds())}`
}
