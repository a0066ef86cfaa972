// A real executable driven in a pseudo-terminal (util-linux `script`) for as long as a test needs:
// the tool sees a terminal on stdin, stdout and stderr, the test waits for what it shows, types
// (Ctrl-C is '\x03', which the terminal turns into SIGINT) and collects the exit code. The process
// is killed by pid when the test ends, also when it fails.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import type { TestContext } from 'node:test'
import { ROOT } from './broker.js'
import { outputWaiter } from './output-waiter.js'

export interface Terminal {
  /** Everything the terminal showed so far (`\r\n` line ends, escape codes included). */
  output(): string
  /** Resolves once `test(output())` holds; fails after `timeoutMs` with the output so far. */
  waitFor(what: string, test: (output: string) => boolean, timeoutMs?: number): Promise<void>
  type(keys: string): void
  /** The exit code of the tool (script -e passes it on). */
  exited: Promise<number | null>
}

const quote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`

export function openTerminal(t: TestContext, bin: string, args: string[]): Terminal {
  // a wide terminal, so no line wraps
  const command = `stty cols 200 rows 50; exec ${[process.execPath, join(ROOT, 'bin', `${bin}.js`), ...args].map(quote).join(' ')}`
  const child = spawn('script', ['-qec', command, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] })
  let out = ''
  const waiter = outputWaiter(() => `output: ${JSON.stringify(plain(out))}`)
  const seen = (d: string) => {
    out += d
    waiter.seen()
  }
  child.stdout.setEncoding('utf8').on('data', seen)
  child.stderr.setEncoding('utf8').on('data', seen)
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)))
  t.after(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  })
  return {
    output: () => out,
    type: (keys) => child.stdin.write(keys),
    exited,
    waitFor: (what, test, timeoutMs = 15000) => waiter.waitFor(what, () => test(out), timeoutMs),
  }
}

/** Terminal output as text: escape codes removed, `\r\n` as `\n`. */
export function plain(output: string): string {
  return output.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r\n/g, '\n')
}

/** Keys typed once the terminal shows what `after` matches. */
export interface Reply {
  after: RegExp
  keys: string
}

/**
 * Runs `bin` in a terminal to its end, typing each reply in turn once the output matches it, and
 * resolves with its exit code and everything the terminal showed.
 */
export async function runInTerminal(
  t: TestContext,
  bin: string,
  args: string[],
  replies: Reply[] = [],
): Promise<{ code: number | null; output: string }> {
  const term = openTerminal(t, bin, args)
  for (const reply of replies) {
    await term.waitFor(String(reply.after), (out) => reply.after.test(out))
    term.type(reply.keys)
  }
  const code = await term.exited
  return { code, output: term.output() }
}
