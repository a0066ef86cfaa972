// The tools as qpid-cluster runs them and as it prints them: each printed command must run as
// typed in the shell the launcher was started from, where `qpid-ha` alone is usually not on the
// PATH. A launcher under the current directory (the clone) is printed relative to it
// (`bin/qpid-ha.js ...`; a command with a slash runs as a path), any other as an absolute path.
import { execFile } from 'node:child_process'
import { isAbsolute, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

export const BIN = fileURLToPath(new URL('../../bin/', import.meta.url))

/** Quoted for a POSIX shell when it holds anything but plain path characters. */
function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`
}

/** How to type tool `name` (e.g. `qpid-ha`) in a shell whose current directory is `cwd`. */
export function typedTool(name: string, cwd = process.cwd()): string {
  const path = join(BIN, `${name}.js`)
  const rel = relative(cwd, path)
  return shellWord(rel.startsWith('..') || isAbsolute(rel) ? path : rel)
}

export interface ToolResult {
  status: number | null
  stdout: string
}

/** Runs a tool of bin/ without blocking the event loop (a spinner keeps turning meanwhile). */
export function runTool(name: string, args: string[], timeoutMs = 15000): Promise<ToolResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(BIN, `${name}.js`), ...args],
      { encoding: 'utf8', timeout: timeoutMs },
      (err, stdout, stderr) => {
        const status = err ? (typeof err.code === 'number' ? err.code : null) : 0
        resolve({ status, stdout: stdout + stderr })
      },
    )
  })
}
