// The real Apache Qpid C++ broker and its Python tools, for the tests that compare against them. It
// is found through its env.sh: $REAL_QPIDD_ENV (what .ci/run exports), else ../shared/real-qpidd/env.sh
// beside the project. Where it is absent or cannot run, realQpiddMissing() says why and the tests skip.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { ROOT } from './broker.js'

export interface RealQpidd {
  /** The qpidd executable. */
  qpidd: string
  /** The options every real broker needs: its ha and amqp modules, --auth no, ... */
  args: string[]
  /** The directory of the real Python tools (qpid-config, qpid-ha, ...). */
  toolsDir: string
  /** Environment for the broker and the tools: LD_LIBRARY_PATH and PYTHONPATH. */
  env: NodeJS.ProcessEnv
}

const ENV_VARS = ['REAL_QPIDD', 'REAL_QPIDD_ARGS', 'REAL_TOOLS_DIR', 'REAL_PYTHONPATH', 'LD_LIBRARY_PATH']

function envFile(): string {
  return process.env.REAL_QPIDD_ENV ?? resolve(ROOT, '../shared/real-qpidd/env.sh')
}

/**
 * A copy of the bundle can turn its library links into small text files naming their target
 * (libqpidbroker.so.2 holding "libqpidbroker.so.2.0.0"): the loader then reports "file too short".
 * The links are made again in a directory of our own, searched first.
 */
function relinkedLibraries(libDir: string): string | undefined {
  const stubs = readdirSync(libDir).filter((f) => {
    const path = join(libDir, f)
    const st = statSync(path)
    if (st.size > 200 || !st.isFile()) return false
    const target = readFileSync(path, 'utf8').trim()
    return /^[\w.+-]+$/.test(target) && existsSync(join(libDir, target))
  })
  if (stubs.length === 0) return undefined
  const dir = mkdtempSync(join(tmpdir(), 'real-qpidd-lib-'))
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }))
  for (const f of stubs) symlinkSync(join(libDir, readFileSync(join(libDir, f), 'utf8').trim()), join(dir, f))
  return dir
}

function load(): RealQpidd | string {
  const file = envFile()
  if (!existsSync(file)) return `the real qpidd is not here (no ${file}; set REAL_QPIDD_ENV to its env.sh)`
  const sourced = spawnSync('/bin/bash', ['-c', `source "$1" && env -0`, 'env', file], { encoding: 'utf8' })
  if (sourced.status !== 0) return `source ${file} failed: ${sourced.stderr.trim()}`
  const vars = Object.fromEntries(
    sourced.stdout
      .split('\0')
      .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)])
      .filter(([k]) => ENV_VARS.includes(k)),
  )
  const relinked = relinkedLibraries(join(dirname(vars.REAL_QPIDD), '../lib'))
  const env = {
    LD_LIBRARY_PATH: [relinked, vars.LD_LIBRARY_PATH].filter(Boolean).join(':'),
    PYTHONPATH: vars.REAL_PYTHONPATH,
  }
  const version = spawnSync(vars.REAL_QPIDD, ['--version'], { encoding: 'utf8', env: { ...process.env, ...env } })
  if (version.status !== 0)
    return `${vars.REAL_QPIDD} --version failed (its libraries: bash ${dirname(file)}/install-deps.sh): ${(version.stderr || version.error?.message || '').trim()}`
  return {
    qpidd: vars.REAL_QPIDD,
    args: vars.REAL_QPIDD_ARGS.split(' ').filter(Boolean),
    toolsDir: vars.REAL_TOOLS_DIR,
    env,
  }
}

let loaded: RealQpidd | string | undefined

function real(): RealQpidd | string {
  loaded ??= load()
  return loaded
}

/** Why the real qpidd cannot be used here, or undefined when it can. */
export function realQpiddMissing(): string | undefined {
  const r = real()
  return typeof r === 'string' ? r : undefined
}

/** The real qpidd; call only when realQpiddMissing() is undefined. */
export function realQpidd(): RealQpidd {
  const r = real()
  if (typeof r === 'string') throw new Error(r)
  return r
}
