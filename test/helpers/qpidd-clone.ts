// The qpidd promotable clone and its VIP of docs/pacemaker.md, configured on a namespace cluster
// (netns-cluster.ts), and what tests and benchmarks ask of it: each member's HA status as a client
// in the clients' namespace sees it, the broker's pid on a node, where the VIP is.
import { readFileSync } from 'node:fs'
import type { NetnsCluster, NetnsNode } from './netns-cluster.js'
import { SUBNET } from './netns-cluster.js'
import { run } from './run.js'

export const VIP = `${SUBNET}.100`
export const PORT = 5672
export const VIP_ADDRESS = `${VIP}:${PORT}`

export interface QpiddClone {
  members: string[]
  /** `qpid-ha status` of an address from the clients' namespace; 'down' when it does not answer. */
  status(address: string): Promise<string>
  statuses(): Promise<string[]>
  /** Index of the member answering `active`, -1 when none does. */
  primary(): Promise<number>
  oneActiveTwoReady(): Promise<boolean>
  /** The pid of the broker the agent started on a node (its pid file, as the node sees it). */
  brokerPid(node: NetnsNode): number
  /** True when the VIP is on node i's eth0 and on no other node's. */
  vipOn(i: number): Promise<boolean>
}

/**
 * The pcs commands of docs/pacemaker.md, run on node1: one broker per node on port 5672 (data in
 * the node's own /run), a 1 s monitor of the primary with on-fail=demote, and the VIP on eth0
 * colocated with the promoted instance and started after the promotion.
 */
export async function configureQpiddClone(cluster: NetnsCluster): Promise<QpiddClone> {
  const pcs = (...args: string[]) => cluster.admin('/usr/sbin/pcs', args)
  const members = cluster.nodes.map((n) => `${n.address}:${PORT}`)
  await pcs('property', 'set', 'stonith-enabled=false') // one kernel: nothing to fence (docs/pacemaker.md)
  // The three nodes share this machine's cores, so each sees the others' load as its own: without
  // this, Pacemaker's controller throttles to one action at a time per node under load.
  await pcs('property', 'set', 'load-threshold=1000%')
  await pcs('resource', 'defaults', 'update', 'resource-stickiness=100')
  await pcs(
    'resource',
    'create',
    'qpidd',
    'ocf:qpid-tools-test:qpidd',
    `brokers_url=${members.join(',')}`,
    `public_url=${VIP_ADDRESS}`,
    'data_dir=/run/qpidd',
    'monitor_timeout=2',
    'extra_args=--link-heartbeat-interval 2 --link-maintenance-interval 0.1 --ha-replicate all',
    'op',
    'monitor',
    'role=Promoted',
    'interval=1s',
    'timeout=10s',
    'op',
    'monitor',
    'role=Unpromoted',
    'interval=3s',
    'timeout=10s',
    'meta',
    'migration-threshold=1',
    'failure-timeout=10s',
    'promotable',
    'promoted-max=1',
    `clone-max=${members.length}`,
    'clone-node-max=1',
  )
  await pcs(
    'resource',
    'create',
    'qpid-vip',
    'ocf:heartbeat:IPaddr2',
    `ip=${VIP}`,
    'cidr_netmask=24',
    'nic=eth0',
    'op',
    'monitor',
    'interval=5s',
  )
  await pcs('constraint', 'colocation', 'add', 'qpid-vip', 'with', 'Promoted', 'qpidd-clone', 'INFINITY')
  await pcs('constraint', 'order', 'promote', 'qpidd-clone', 'then', 'start', 'qpid-vip')

  const status = async (address: string) => {
    const r = await run('qpid-ha', ['status', '-b', address, '--timeout', '1'], {
      netns: cluster.lan,
      timeoutMs: 10000,
    })
    return r.code === 0 ? r.stdout.trim() : 'down'
  }
  const statuses = () => Promise.all(members.map(status))
  const holdsVip = async (n: NetnsNode) =>
    (await n.run('/usr/sbin/ip', ['-4', '-o', 'addr', 'show', 'dev', 'eth0'])).stdout.includes(` ${VIP}/24 `)
  return {
    members,
    status,
    statuses,
    primary: async () => (await statuses()).indexOf('active'),
    oneActiveTwoReady: async () => (await statuses()).sort().join(' ') === 'active ready ready',
    brokerPid: (n) => Number(readFileSync(n.path('/run/resource-agents/qpidd-qpidd.pid'), 'utf8')),
    vipOn: async (i) => (await Promise.all(cluster.nodes.map(holdsVip))).every((held, j) => held === (j === i)),
  }
}
