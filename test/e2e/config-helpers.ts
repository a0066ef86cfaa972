// Shared by the qpid-config end-to-end tests: the texts the tool prints and a runner bound to one broker.
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import type { RunningBroker } from '../helpers/broker.js'
import { ROOT } from '../helpers/broker.js'
import { type RunResult, run } from '../helpers/run.js'

/** stdout of a golden transcript. */
export function goldenStdout(file: string): string {
  const text = readFileSync(join(ROOT, '../shared/spec/golden', file), 'utf8')
  return text.split('--- stdout ---\n')[1].split('--- stderr ---')[0]
}

/** The synopsis block exactly as `Usage()` prints it (stdout, preceded by an empty line). */
export const USAGE = goldenStdout('45-qpid-config-purge-queue.txt')

/** What optparse prints on stderr for a bad option. */
export const optparseError = (message: string) => `${USAGE}qpid-config: error: ${message}\n`

export function config(broker: RunningBroker | string, ...args: string[]): Promise<RunResult> {
  const address = typeof broker === 'string' ? broker : broker.address
  return run('qpid-config', ['-b', address, ...args])
}

/** A 127.0.0.1 port nothing listens on (bound, then released). */
export function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

export const ok = (stdout = '') => ({ code: 0, stdout, stderr: '' })
export const failed = (line: string) => ({ code: 1, stdout: `${line}\n`, stderr: '' })
