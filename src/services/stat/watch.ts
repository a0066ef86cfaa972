// `qpid-stat --watch`: shows a view again every few seconds until interrupted, each frame written
// as render/stat-watch-frame.ts lays it out for a terminal, a log or JSON lines.
import { setTimeout as sleep } from 'node:timers/promises'
import { escapeControls, writeRaw } from '../../cli/output-guard.js'
import { present, type WatchMode } from '../../render/stat-watch-frame.js'

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
    // the view's text is escaped here, so the redraw's own escape codes around it go out raw
    await watch(async () => escapeControls(await frame()), {
      intervalMs: seconds * 1000,
      mode: process.stdout.isTTY ? 'tty' : json ? 'json-lines' : 'log',
      signal: stop.signal,
      write: writeRaw,
    })
  } finally {
    process.off('SIGINT', onStop)
  }
}
