import type { RunningBroker } from './broker.js'
import { goldenStdout } from './golden.js'
import { type RunResult, run } from './run.js'

/** The synopsis block exactly as `Usage()` prints it (stdout, preceded by an empty line). */
export const USAGE = goldenStdout('45-qpid-config-purge-queue.txt')

/** What optparse prints on stderr for a bad option. */
export const optparseError = (message: string) => `${USAGE}qpid-config: error: ${message}\n`

export function config(broker: RunningBroker | string, ...args: string[]): Promise<RunResult> {
  const address = typeof broker === 'string' ? broker : broker.address
  return run('qpid-config', ['-b', address, ...args])
}

export const ok = (stdout = '') => ({ code: 0, stdout, stderr: '' })
export const failed = (line: string) => ({ code: 1, stdout: `${line}\n`, stderr: '' })
