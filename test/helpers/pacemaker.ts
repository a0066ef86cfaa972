// Helpers for the tests of the OCF resource agent ocf/qpidd: running its actions as Pacemaker would
// (parameters in OCF_RESKEY_* variables), a stand-in for Pacemaker's promotion scores when the agent
// runs outside a cluster, and the stop by pid of every broker the agent started.
import { type ChildProcess, spawn } from 'node:child_process'
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
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

// --- a real single-node Pacemaker cluster ----------------------------------------------------------

/** Pacemaker keeps its configuration here (fixed when it was built); a test may only start from none. */
export const CIB_DIR = '/var/lib/pacemaker/cib'
/** The provider the test installs the agent under: ocf:qpid-tools-test:qpidd. */
export const TEST_PROVIDER_DIR = '/usr/lib/ocf/resource.d/qpid-tools-test'

const CLUSTER_BINARIES = ['/usr/sbin/corosync', '/usr/sbin/pacemakerd', '/usr/sbin/pcs', '/usr/sbin/crm_mon']

/** Pids of running processes whose command name is `name` (read from /proc; nothing is signalled). */
function pidsNamed(name: string): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return readFileSync(`/proc/${d}/comm`, 'utf8').trim() === name
      } catch {
        return false
      }
    })
    .map(Number)
}

/** Why a Pacemaker cluster cannot be started for a test here, or undefined when it can. */
export function pacemakerUnavailable(): string | undefined {
  if (process.getuid?.() !== 0) return 'Corosync and Pacemaker need root'
  for (const b of [...CLUSTER_BINARIES, OCF_SHELLFUNCS, '/usr/lib/ocf/resource.d/heartbeat/IPaddr2'])
    if (!existsSync(b)) return `${b} is missing: install pacemaker, corosync, pcs, resource-agents (bash .ci/run does)`
  for (const name of ['corosync', 'pacemakerd'])
    if (pidsNamed(name).length > 0) return `${name} is already running: the test never touches an existing cluster`
  if (existsSync(join(CIB_DIR, 'cib.xml')))
    return `${CIB_DIR}/cib.xml exists: the test never touches an existing cluster's configuration`
  return undefined
}

export interface PacemakerCluster {
  dir: string
  /** Where Pacemaker's daemons log (PCMK_logfile). */
  log: string
  /** Milliseconds from starting corosync until crm_mon showed the node online with quorum. */
  startMs: number
  /** Runs a cluster command (pcs, crm_mon, ...) and fails the test when it fails. */
  run(command: string, args: string[]): Promise<string>
  stop(): Promise<void>
}

/**
 * A one-node Corosync ring on 127.0.0.1 (knet, no crypto, votequorum) and Pacemaker on it, both
 * started here and stopped by pid; the agent is installed as ocf:qpid-tools-test:qpidd for the
 * cluster's lifetime. stop() ends everything the cluster started and removes the configuration.
 */
export async function startPacemaker(): Promise<PacemakerCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'qpidd-pcmk-'))
  const log = join(dir, 'pacemaker.log')
  // Most of Pacemaker's daemons run as hacluster: they must reach the directory and write the log.
  chmodSync(dir, 0o755)
  writeFileSync(log, '')
  const hacluster = statSync('/var/lib/pacemaker/cib')
  chownSync(log, hacluster.uid, hacluster.gid)
  const conf = join(dir, 'corosync.conf')
  writeFileSync(
    conf,
    `totem {
  version: 2
  cluster_name: qpid-tools-test
  transport: knet
  crypto_cipher: none
  crypto_hash: none
}
logging {
  to_stderr: no
  to_syslog: no
  to_logfile: yes
  logfile: ${join(dir, 'corosync.log')}
}
quorum {
  provider: corosync_votequorum
}
nodelist {
  node {
    name: node1
    nodeid: 1
    ring0_addr: 127.0.0.1
  }
}
`,
  )

  const started = Date.now()
  // Both stay in the foreground (corosync -f; pacemakerd does not fork), each in a session of its
  // own so that nothing of this test's process group reaches them: their pids are known exactly.
  const daemons: ChildProcess[] = []
  const spawnDaemon = (file: string, args: string[]) => {
    const child = spawn(file, args, {
      detached: true,
      stdio: 'ignore',
      env: { ...process.env, PCMK_logfile: log },
    })
    daemons.push(child)
    return child
  }
  const run = async (command: string, args: string[]) => {
    const r = await runCommand(command, args, {}, 60000)
    if (r.code !== 0) throw new Error(`${command} ${args.join(' ')}: exit ${r.code}\n${r.stdout}${r.stderr}`)
    return r.stdout
  }
  const stop = async () => {
    // Pacemaker stops every resource when it shuts down (the agent's stop, the VIP's removal).
    for (const child of daemons.reverse()) await stopDaemon(child, 60000)
    rmSync(TEST_PROVIDER_DIR, { recursive: true, force: true })
    for (const f of readdirSync(CIB_DIR)) rmSync(join(CIB_DIR, f), { force: true })
  }
  try {
    mkdirSync(TEST_PROVIDER_DIR, { recursive: true })
    symlinkSync(AGENT, join(TEST_PROVIDER_DIR, 'qpidd'))
    spawnDaemon('/usr/sbin/corosync', ['-f', '-c', conf])
    await waitForOutput('corosync to answer', '/usr/sbin/corosync-quorumtool', ['-s'], /Quorate:\s+Yes/, 20000)
    spawnDaemon('/usr/sbin/pacemakerd', [])
    await waitForOutput(
      'node1 online with quorum',
      '/usr/sbin/crm_mon',
      ['-1'],
      /partition with quorum[\s\S]*Online: \[ node1 \]/,
      90000,
    )
  } catch (e) {
    await stop()
    throw new Error(`${(e as Error).message}\n${tail(log)}`)
  }
  return { dir, log, startMs: Date.now() - started, run, stop }
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
async function stopDaemon(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
  await exited
  clearTimeout(timer)
}

async function waitForOutput(what: string, file: string, args: string[], pattern: RegExp, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs
  let last = ''
  while (Date.now() < deadline) {
    const r = await runCommand(file, args, {}, 10000).catch((e: Error) => ({ stdout: e.message, stderr: '' }))
    last = r.stdout + r.stderr
    if (pattern.test(last)) return
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last output:\n${last}`)
}

function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n')
  } catch {
    return ''
  }
}
