// A real three-node Pacemaker cluster on this one machine, each node a pair of namespaces the test
// creates: a network namespace (its own lo and eth0, 10.77.0.N/24, on a bridge) and a mount
// namespace (its own /run, /var/lib/pacemaker, /var/lib/corosync, /dev/shm, and the agent under
// test in /usr/lib/ocf/resource.d), running its own corosync and pacemakerd. A fourth network
// namespace holds the bridge and the clients (10.77.0.254): traffic to a VIP that IPaddr2 adds on
// the promoted node's eth0 really reaches that node only. Nothing of the machine's own network,
// cluster configuration or OCF agents is touched, and everything is stopped by the pids found in
// these namespaces.
import { type ChildProcess, spawn } from 'node:child_process'
import {
  chmodSync,
  chownSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { readlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type ActionResult, AGENT, OCF_SHELLFUNCS, runCommand } from './pacemaker.js'

const IP = '/usr/sbin/ip'
const BINARIES = [IP, '/usr/bin/unshare', '/usr/bin/nsenter', '/usr/sbin/corosync', '/usr/sbin/pacemakerd']
export const SUBNET = '10.77.0'
/** The clients' own address, in the bridge's namespace. */
export const CLIENT_ADDRESS = `${SUBNET}.254`

export interface NetnsNode {
  /** node1, node2, ... as Corosync and Pacemaker name it. */
  name: string
  /** Its address on the bridge, 10.77.0.N. */
  address: string
  netns: string
  /** Where its Pacemaker daemons log (PCMK_logfile). */
  log: string
  /** Runs a command inside the node (its network and mount namespaces). */
  run(file: string, args: string[], timeoutMs?: number): Promise<ActionResult>
  /** A path as the node sees it (through its corosync process's root). */
  path(p: string): string
}

export interface NetnsCluster {
  dir: string
  nodes: NetnsNode[]
  /** The namespace of the bridge and of the clients: pass it as run()'s `netns`. */
  lan: string
  /** Milliseconds from the first corosync until crm_mon showed every node online with quorum. */
  startMs: number
  /** Runs a cluster command (pcs, crm_mon, ...) on node1 and fails the test when it fails. */
  admin(file: string, args: string[]): Promise<string>
  /** Starts a long-running command in the clients' namespace. */
  spawnInLan(file: string, args: string[]): ChildProcess
  stop(): Promise<void>
}

/** Why the cluster cannot be started here, or undefined when it can. */
export function netnsClusterUnavailable(): string | undefined {
  if (process.getuid?.() !== 0) return 'network and mount namespaces, Corosync and Pacemaker need root'
  for (const b of [...BINARIES, '/usr/sbin/pcs', OCF_SHELLFUNCS, '/usr/lib/ocf/resource.d/heartbeat/IPaddr2'])
    try {
      statSync(b)
    } catch {
      return `${b} is missing: install iproute2, util-linux, pacemaker, corosync, pcs, resource-agents (bash .ci/run does)`
    }
  return undefined
}

/**
 * The script each node runs first, inside its network namespace and a new mount namespace: it
 * mounts the node's private state directories, makes the agent appear as ocf:qpid-tools-test:qpidd
 * beside Debian's heartbeat agents, and becomes corosync.
 */
const NODE_SCRIPT = `set -e
node=$1 dir=$2
private() { mount -t tmpfs -o "mode=$2" "qpid-test-$node" "$1"; }
private /var/lib/pacemaker 0755
mkdir -m 0750 /var/lib/pacemaker/cib /var/lib/pacemaker/pengine /var/lib/pacemaker/blackbox /var/lib/pacemaker/cores
chown -R hacluster:haclient /var/lib/pacemaker
private /run 0755
mkdir -m 0750 /run/crm
chown hacluster:haclient /run/crm
mkdir -m 0755 /run/resource-agents /run/lock
private /var/lib/corosync 0755
private /dev/shm 1777
mount --bind /usr/lib/ocf/resource.d/heartbeat "$dir/resource.d/heartbeat"
mount --rbind "$dir/resource.d" /usr/lib/ocf/resource.d
exec /usr/sbin/corosync -f -c "$dir/corosync.conf"
`

function corosyncConf(nodes: number): string {
  const nodelist = Array.from(
    { length: nodes },
    (_, i) => `  node {\n    name: node${i + 1}\n    nodeid: ${i + 1}\n    ring0_addr: ${SUBNET}.${i + 1}\n  }\n`,
  ).join('')
  return `totem {
  version: 2
  cluster_name: qpid-tools-test
  transport: knet
  crypto_cipher: none
  crypto_hash: none
}
logging {
  to_stderr: no
  to_syslog: no
  to_logfile: no
}
quorum {
  provider: corosync_votequorum
}
nodelist {
${nodelist}}
`
}

async function ip(args: string[]): Promise<void> {
  const r = await runCommand(IP, args, {}, 10000)
  if (r.code !== 0) throw new Error(`ip ${args.join(' ')}: ${r.stderr.trim()}`)
}

/** Pids of every process in one of these network namespaces (told by their /run/netns files' inodes). */
async function pidsIn(netns: readonly string[]): Promise<number[]> {
  const links = new Set<string>()
  for (const ns of netns)
    try {
      links.add(`net:[${statSync(`/run/netns/${ns}`).ino}]`)
    } catch {
      // not created (yet), or deleted
    }
  if (links.size === 0) return []
  const pids: number[] = []
  for (const d of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    if (links.has(await readlink(`/proc/${d}/ns/net`).catch(() => ''))) pids.push(Number(d))
  }
  return pids
}

export async function startNetnsCluster(count = 3): Promise<NetnsCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'qpidd-netns-'))
  chmodSync(dir, 0o755) // Pacemaker's daemons run as hacluster: they read the agent and write logs here
  const prefix = `qpt${process.pid}`
  const lan = `${prefix}-lan`
  const names = Array.from({ length: count }, (_, i) => `node${i + 1}`)
  const corosyncPids = new Map<string, number>()
  const daemons: ChildProcess[] = []
  const namespaces = [lan, ...names.map((n) => `${prefix}-${n}`)]

  const stop = async () => {
    // Everything in the namespaces, by pid: Pacemaker, Corosync, the brokers, the agents' children.
    // The node state is in tmpfs mounts that vanish with their last process.
    for (let pass = 0; pass < 50; pass++) {
      const pids = await pidsIn(namespaces)
      if (pids.length === 0) break
      for (const pid of pids)
        try {
          process.kill(pid, 'SIGKILL')
        } catch {
          // gone already
        }
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    for (const ns of namespaces) await ip(['netns', 'del', ns]).catch(() => undefined)
    rmSync(dir, { recursive: true, force: true })
  }

  const nodes: NetnsNode[] = names.map((name, i) => {
    const netns = `${prefix}-${name}`
    const enter = () => ['-t', String(corosyncPids.get(name)), '-m', '-n']
    return {
      name,
      address: `${SUBNET}.${i + 1}`,
      netns,
      log: join(dir, `${name}.log`),
      run: (file, args, timeoutMs = 30000) =>
        runCommand('/usr/bin/nsenter', [...enter(), file, ...args], {}, timeoutMs),
      path: (p) => `/proc/${corosyncPids.get(name)}/root${p}`,
    }
  })

  const started = Date.now()
  try {
    mkdirSync(join(dir, 'resource.d/heartbeat'), { recursive: true })
    mkdirSync(join(dir, 'resource.d/qpid-tools-test'))
    // a link, as docs/pacemaker.md installs it: the agent finds the project's bin/ through it
    symlinkSync(AGENT, join(dir, 'resource.d/qpid-tools-test/qpidd'))
    writeFileSync(join(dir, 'node.sh'), NODE_SCRIPT)
    writeFileSync(join(dir, 'corosync.conf'), corosyncConf(count))

    await ip(['netns', 'add', lan])
    await ip(['-n', lan, 'link', 'set', 'lo', 'up'])
    await ip(['-n', lan, 'link', 'add', 'br0', 'type', 'bridge'])
    await ip(['-n', lan, 'link', 'set', 'br0', 'up'])
    await ip(['-n', lan, 'addr', 'add', `${CLIENT_ADDRESS}/24`, 'dev', 'br0'])
    for (const node of nodes) {
      const port = `p${node.name}`
      await ip(['netns', 'add', node.netns])
      await ip(['-n', node.netns, 'link', 'set', 'lo', 'up'])
      await ip(['-n', node.netns, 'link', 'add', 'eth0', 'type', 'veth', 'peer', 'name', port, 'netns', lan])
      await ip(['-n', node.netns, 'addr', 'add', `${node.address}/24`, 'dev', 'eth0'])
      await ip(['-n', node.netns, 'link', 'set', 'eth0', 'up'])
      await ip(['-n', lan, 'link', 'set', port, 'master', 'br0'])
      await ip(['-n', lan, 'link', 'set', port, 'up'])
    }

    // `ip netns exec`, `unshare` and `nsenter` exec without forking: each child's pid is the daemon's.
    const daemon = (file: string, args: string[], env: NodeJS.ProcessEnv = {}) => {
      const child = spawn(file, args, { detached: true, stdio: 'ignore', env: { ...process.env, ...env } })
      daemons.push(child)
      return child
    }
    for (const node of nodes) {
      const child = daemon(IP, [
        'netns',
        'exec',
        node.netns,
        '/usr/bin/unshare',
        '-m',
        '--propagation',
        'private',
        '/bin/bash',
        join(dir, 'node.sh'),
        node.name,
        dir,
      ])
      corosyncPids.set(node.name, child.pid as number)
    }
    await waitForOutput(
      'every node in the Corosync membership with quorum',
      () => nodes[0].run('/usr/sbin/corosync-quorumtool', ['-s'], 10000),
      (out) => /Quorate:\s+Yes/.test(out) && new RegExp(`Total votes:\\s+${count}\\b`).test(out),
      30000,
    )
    for (const node of nodes) {
      writeFileSync(node.log, '')
      const hacluster = statSync('/var/lib/pacemaker')
      chownSync(node.log, hacluster.uid, hacluster.gid)
      daemon('/usr/bin/nsenter', ['-t', String(corosyncPids.get(node.name)), '-m', '-n', '/usr/sbin/pacemakerd'], {
        PCMK_logfile: node.log,
      })
    }
    await waitForOutput(
      'every node online in a partition with quorum',
      () => nodes[0].run('/usr/sbin/crm_mon', ['-1'], 10000),
      (out) => out.includes('partition with quorum') && out.includes(`Online: [ ${names.join(' ')} ]`),
      90000,
    )
  } catch (e) {
    const logs = nodes.map((n) => `${n.name}: ${tail(n.log)}`).join('\n')
    await stop()
    throw new Error(`${(e as Error).message}\n${logs}`)
  }
  return {
    dir,
    nodes,
    lan,
    startMs: Date.now() - started,
    admin: async (file, args) => {
      const r = await nodes[0].run(file, args, 60000)
      if (r.code !== 0) throw new Error(`${file} ${args.join(' ')}: exit ${r.code}\n${r.stdout}${r.stderr}`)
      return r.stdout
    },
    spawnInLan: (file, args) => spawn(IP, ['netns', 'exec', lan, file, ...args], { stdio: ['ignore', 'pipe', 'pipe'] }),
    stop,
  }
}

async function waitForOutput(
  what: string,
  probe: () => Promise<ActionResult>,
  done: (output: string) => boolean,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs
  let last = ''
  while (Date.now() < deadline) {
    const r = await probe().catch((e: Error) => ({ stdout: e.message, stderr: '' }))
    last = r.stdout + r.stderr
    if (done(last)) return
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last output:\n${last}`)
}

function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n')
  } catch {
    return ''
  }
}
