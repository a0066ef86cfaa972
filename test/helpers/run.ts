// Runs a real executable from bin/ as a child process and captures what it printed.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { ROOT } from './broker.js'

export interface RunResult {
  code: number | null
  stdout: string
  stderr: string
}

export interface RunOptions {
  /** Hard limit; the process is killed and the test fails past it. */
  timeoutMs?: number
  input?: string
  env?: NodeJS.ProcessEnv
  /** A network namespace the test created: the tool runs inside it (`ip netns exec`). */
  netns?: string
}

/** `run('qpid-config', ['-b', addr, 'queues'])` */
export function run(bin: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const command = [process.execPath, join(ROOT, 'bin', `${bin}.js`), ...args]
    if (opts.netns) command.unshift('/usr/sbin/ip', 'netns', 'exec', opts.netns)
    const child = spawn(command[0], command.slice(1), {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...opts.env },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d
    })
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d
    })
    const limit = opts.timeoutMs ?? 20000
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(
        new Error(`${bin} ${args.join(' ')} did not finish within ${limit} ms\nstdout: ${stdout}\nstderr: ${stderr}`),
      )
    }, limit)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
    child.stdin.end(opts.input ?? '')
  })
}
