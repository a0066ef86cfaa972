// Progress of a wait (qpid-cluster's members becoming ready, qpid-config --wait-replicated): an ora
// spinner on a terminal, loaded only then (start-up stays fast and a pipe never gets spinner frames
// or escape codes); piped, nothing is drawn and only the outcome line is printed.

import { rawTerminal } from './output-guard.js'

export interface Progress {
  text(t: string): void
  /** Ends the spinner, leaving `line` (with a tick or a cross on a terminal) or nothing. */
  done(ok: boolean, line?: string): void
}

/** A spinner with `text` on stdout when it is a terminal; otherwise a silent stand-in. */
export async function progress(text: string): Promise<Progress> {
  if (!process.stdout.isTTY) {
    return {
      text: () => {},
      done: (_ok, line) => {
        if (line) process.stdout.write(`${line}\n`)
      },
    }
  }
  const { default: ora } = await import('ora')
  // isEnabled: our own rule (stdout is a terminal), not ora's guess from CI variables;
  // discardStdin off: stdin carries the launcher's own commands (`restart 2`)
  // the stream is stdout unguarded: the spinner's own codes must not be escaped (cli/output-guard.ts)
  const spinner = ora({ text, stream: rawTerminal(), isEnabled: true, discardStdin: false }).start()
  return {
    text: (t) => {
      spinner.text = t
    },
    done: (ok, line) => {
      if (!line) spinner.stop()
      else if (ok) spinner.succeed(line)
      else spinner.fail(line)
    },
  }
}
