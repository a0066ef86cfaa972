// `--watch`: shows a view again every few seconds until interrupted. On a terminal each frame
// redraws the screen in place: the cursor goes home, every line overwrites the old one and
// clears its own tail, and what is left below is cleared, so the screen never goes blank
// between frames. Piped, every snapshot is printed whole after a timestamp line (text) or as
// one JSON document per line (--json), so a log of them stays readable and parseable.
import { setTimeout as sleep } from 'node:timers/promises'

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

export interface WatchOptions {
  intervalMs: number
  mode: WatchMode
  write(text: string): void
  /** Aborted by Ctrl-C: the watch ends at once, dropping a frame still being fetched. */
  signal: AbortSignal
}

const aborted = (signal: AbortSignal) =>
  new Promise<undefined>((resolve) => {
    if (signal.aborted) resolve(undefined)
    else signal.addEventListener('abort', () => resolve(undefined), { once: true })
  })

/**
 * Shows `frame()` every `intervalMs` (measured from the start of the previous frame). Resolves
 * when `signal` aborts; rejects with the first error a frame raises.
 */
export async function watch(frame: () => Promise<string>, opts: WatchOptions): Promise<void> {
  const stop = aborted(opts.signal)
  for (let first = true; !opts.signal.aborted; first = false) {
    const started = Date.now()
    const text = await Promise.race([frame(), stop])
    if (text === undefined || opts.signal.aborted) return
    opts.write(present(opts.mode, text, first, new Date()))
    const wait = Math.max(0, opts.intervalMs - (Date.now() - started))
    await sleep(wait, undefined, { signal: opts.signal }).catch(() => undefined)
  }
}

/**
 * Watches on this process's stdout: redraws on a terminal, appends when piped. Ctrl-C, or a
 * reader closing the pipe (`| head`), ends the watch normally.
 */
export async function watchStdout(frame: () => Promise<string>, seconds: number, json: boolean): Promise<void> {
  const stop = new AbortController()
  const onStop = () => stop.abort()
  process.once('SIGINT', onStop)
  process.stdout.on('error', onStop)
  try {
    await watch(frame, {
      intervalMs: seconds * 1000,
      mode: process.stdout.isTTY ? 'tty' : json ? 'json-lines' : 'log',
      signal: stop.signal,
      write: (text) => process.stdout.write(text),
    })
  } finally {
    process.off('SIGINT', onStop)
  }
}
