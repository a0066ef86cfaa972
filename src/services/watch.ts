// `--watch` of qpid-stat and qpid-ha: shows a view again every few seconds until interrupted, each
// refresh written as render/watch-frame.ts lays it out for a terminal, a log or JSON lines. A
// refresh that fails (broker gone, hung, reply deadline) is shown as such and the watch goes on:
// a watch is how an operator sees a broker come back.

import { setTimeout as sleep } from 'node:timers/promises'
import { takeOverInterrupt } from '../cli/interrupt.js'
import { escapeControls, writeRaw } from '../cli/output-guard.js'
import { present, type Refresh, type WatchMode } from '../render/watch-frame.js'
import { asPythonError } from './broker-call.js'

/** Shortest --watch interval, so that a typo like --watch=0 cannot flood the broker. */
export const MIN_WATCH_S = 0.1

export interface WatchOptions {
  intervalS: number
  mode: WatchMode
  write(text: string): void
  /** The tool's one error line for a failed refresh. */
  errorLine(err: unknown): string
  /** Aborted by Ctrl-C: the watch ends at once, dropping a refresh still being fetched. */
  signal: AbortSignal
}

const aborted = (signal: AbortSignal) =>
  new Promise<undefined>((resolve) => {
    if (signal.aborted) resolve(undefined)
    else signal.addEventListener('abort', () => resolve(undefined), { once: true })
  })

/** One refresh: the frame's text, or its failure as the tool reports it. */
async function refresh(frame: () => Promise<string>, opts: WatchOptions): Promise<Refresh> {
  try {
    return { text: await frame() }
  } catch (err) {
    const e = asPythonError(err)
    return { error: { line: opts.errorLine(err), type: e.pythonClass, message: e.message } }
  }
}

/**
 * Shows `frame()` every `intervalS` (measured from the start of the previous refresh), a failed
 * one with its error and the age of the last good data. Resolves when `signal` aborts.
 */
export async function watch(frame: () => Promise<string>, opts: WatchOptions): Promise<void> {
  const stop = aborted(opts.signal)
  let lastGood: { text: string; at: Date } | undefined
  for (let first = true; !opts.signal.aborted; first = false) {
    const started = Date.now()
    const result = await Promise.race([refresh(frame, opts), stop])
    if (result === undefined || opts.signal.aborted) return
    const at = new Date()
    opts.write(present(opts.mode, result, { first, at, intervalS: opts.intervalS, lastGood }))
    if ('text' in result) lastGood = { text: result.text, at }
    const wait = Math.max(0, opts.intervalS * 1000 - (Date.now() - started))
    await sleep(wait, undefined, { signal: opts.signal }).catch(() => undefined)
  }
}

export interface StdoutWatch {
  seconds: number
  json: boolean
  errorLine(err: unknown): string
}

/**
 * Watches on this process's stdout: redraws on a terminal, appends when piped. Ctrl-C, or a
 * reader closing the pipe (`| head`), ends the watch normally.
 */
export async function watchStdout(frame: () => Promise<string>, w: StdoutWatch): Promise<void> {
  const stop = new AbortController()
  const onStop = () => stop.abort()
  const release = takeOverInterrupt(onStop)
  process.stdout.on('error', onStop)
  try {
    // the view's text is escaped here, so the redraw's own escape codes around it go out raw
    await watch(async () => escapeControls(await frame()), {
      intervalS: Math.max(MIN_WATCH_S, w.seconds),
      mode: process.stdout.isTTY ? 'tty' : w.json ? 'json-lines' : 'log',
      signal: stop.signal,
      write: writeRaw,
      errorLine: (err) => escapeControls(w.errorLine(err)),
    })
  } finally {
    release()
  }
}

/**
 * A frame source that keeps one connection across refreshes and, after any failure, drops it and
 * connects again on the next refresh (a broker restarted or continued after a stop is found again).
 */
export function reconnecting<C extends { close(): void }>(
  connect: () => Promise<C>,
  use: (conn: C) => Promise<string>,
): { frame: () => Promise<string>; close(): void } {
  let conn: C | undefined
  return {
    frame: async () => {
      try {
        conn ??= await connect()
        return await use(conn)
      } catch (err) {
        conn?.close()
        conn = undefined
        throw err
      }
    },
    close: () => conn?.close(),
  }
}
