// Helpers for the tests of the OCF resource agent ocf/qpidd: running its actions as Pacemaker would
// (parameters in OCF_RESKEY_* variables), a stand-in for Pacemaker's promotion scores when the agent
// runs outside a cluster, and the stop by pid of every broker the agent started.
import { spawn } from 'node:child_process'
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT } from './broker.js'

export const AGENT = join(ROOT, 'ocf/qpidd')
export const OCF_SHELLFUNCS = '/usr/lib/ocf/lib/heartbeat/ocf-shellfuncs'

/** The OCF exit codes the agent uses. */
export const OCF = {
  SUCCESS: 0,
  ERR_GENERIC: 1,
  ERR_CONFIGURED: 6,
  NOT_RUNNING: 7,
  RUNNING_PROMOTED: 8,
  FAILED_PROMOTED: 9,
} as const

export interface ActionResult {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs `ocf/qpidd <action>` with `env` on top of this process's environment, within `timeoutMs`. */
export function runAgent(action: string, env: NodeJS.ProcessEnv, timeoutMs = 30000): Promise<ActionResult> {
  return runCommand(AGENT, [action], env, timeoutMs)
}

export function runCommand(
  file: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
  timeoutMs = 30000,
): Promise<ActionResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d
    })
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d
    })
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`${file} ${args.join(' ')} did not finish within ${timeoutMs} ms\n${stdout}\n${stderr}`))
    }, timeoutMs)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

/** A directory for one test's brokers: data dirs, pid files and the score stand-in. */
export interface AgentSandbox {
  dir: string
  /**
   * Environment for the agent acting as instance `i` of a globally-unique clone (resource name
   * `qpidd:<i>`); with `address_from_instance` it serves the (i+1)-th address of the brokers URL.
   */
  env(i: number): NodeJS.ProcessEnv
  /** The promotion score the agent last published for instance `i`, undefined when it removed it. */
  score(i: number): number | undefined
  pidfile(i: number): string
  pid(i: number): number
  /** SIGKILLs every broker whose pid file is still there and removes the directory. */
  cleanUp(): void
}

/**
 * Outside a cluster there is no attribute store for `ocf_promotion_score`: the sandbox points the
 * agent's HA_SBIN_DIR at a crm_attribute that keeps each instance's score in a file.
 */
export function agentSandbox(params: Record<string, string>): AgentSandbox {
  const dir = mkdtempSync(join(tmpdir(), 'qpidd-ocf-'))
  const sbin = join(dir, 'sbin')
  const scores = join(dir, 'scores')
  mkdirSync(sbin)
  mkdirSync(scores)
  writeFileSync(
    join(sbin, 'crm_attribute'),
    [
      '#!/bin/sh',
      '# records what the agent publishes: -v SCORE sets, -D deletes',
      `f="${scores}/$OCF_RESOURCE_INSTANCE"`,
      'while [ $# -gt 0 ]; do',
      '  case $1 in -v) echo "$2" >"$f"; shift ;; -D) rm -f "$f" ;; esac',
      '  shift',
      'done',
      '',
    ].join('\n'),
  )
  chmodSync(join(sbin, 'crm_attribute'), 0o755)
  // the agent's default pid file, HA_RSCTMP/qpidd-<resource>.pid
  const pidfile = (i: number) => join(dir, `qpidd-qpidd:${i}.pid`)
  const reskeys = Object.fromEntries(Object.entries(params).map(([k, v]) => [`OCF_RESKEY_${k}`, v]))
  return {
    dir,
    env: (i) => ({
      ...reskeys,
      OCF_RESOURCE_INSTANCE: `qpidd:${i}`,
      OCF_RESKEY_CRM_meta_clone: String(i),
      OCF_RESKEY_data_dir: join(dir, 'data'),
      HA_RSCTMP: dir,
      // a feature set of Pacemaker 2.1: ocf_promotion_score then calls crm_attribute -p
      OCF_RESKEY_crm_feature_set: '3.16.2',
      HA_SBIN_DIR: sbin,
    }),
    score: (i) => {
      const f = join(scores, `qpidd:${i}`)
      return existsSync(f) ? Number(readFileSync(f, 'utf8')) : undefined
    },
    pidfile,
    pid: (i) => Number(readFileSync(pidfile(i), 'utf8')),
    cleanUp: () => {
      for (const f of readdirSync(dir).filter((n) => n.endsWith('.pid'))) {
        try {
          process.kill(Number(readFileSync(join(dir, f), 'utf8')), 'SIGKILL')
        } catch {
          // already gone
        }
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** True while a process with this pid exists (a zombie counts as gone: it has no command line). */
export function alive(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`).length > 0
  } catch {
    return false
  }
}
