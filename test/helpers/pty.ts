// Runs a real executable in a pseudo-terminal (util-linux `script`), so the tool sees a terminal
// on stdin and stdout as an operator's shell gives it, and answers what it asks: each reply is
// typed once the output so far matches its pattern.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { ROOT } from './broker.js'

export interface PtyReply {
  /** Typed once the output matches this. */
  after: RegExp
  keys: string
}

export interface PtyResult {
  code: number | null
  /** stdout and stderr together, as the terminal showed them (`\r\n` line ends, escape codes). */
  output: string
}

const quote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`

/** `runInPty('qpid-config', ['-b', addr, 'shutdown'], [{ after: /\?/, keys: 'n\r' }])` */
export function runInPty(bin: string, args: string[], replies: PtyReply[] = [], timeoutMs = 20000): Promise<PtyResult> {
  return new Promise((resolve, reject) => {
    // a wide terminal, so no question wraps
    const command = `stty cols 200 rows 50; exec ${[process.execPath, join(ROOT, 'bin', `${bin}.js`), ...args].map(quote).join(' ')}`
    const child = spawn('script', ['-qec', command, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] })
    let output = ''
    const pending = [...replies]
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`${bin} ${args.join(' ')} did not finish within ${timeoutMs} ms\noutput: ${output}`))
    }, timeoutMs)
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      output += d
      while (pending.length > 0 && pending[0].after.test(output)) child.stdin.write(pending.shift()!.keys)
    })
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      output += d
    })
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, output })
    })
  })
}

/** The terminal output as text: escape codes removed, `\r\n` as `\n`. */
export function plain(output: string): string {
  return output.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r\n/g, '\n')
}
