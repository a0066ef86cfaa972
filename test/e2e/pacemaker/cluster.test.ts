// The agent under a real Pacemaker: three nodes, each a network and mount namespace of its own
// running corosync and pacemakerd (test/helpers/netns-cluster.ts), a promotable clone of ocf/qpidd
// with one broker per node on 10.77.0.N:5672 and a VIP (IPaddr2 on the promoted node's eth0)
// colocated with the promoted instance and started after the promotion, configured with the pcs
// commands of docs/pacemaker.md. The clients know only the VIP. Scenarios, one after the other:
// kill -9 of the primary (a ready backup promoted, the VIP moved, nothing confirmed lost, the killed
// broker back as a ready backup); a hung primary (SIGSTOP) replaced; a planned move of the primary;
// a backup that cannot reach the primary (its outgoing broker traffic dropped) is never promoted.
import assert from 'node:assert/strict'
import type { ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { ROOT } from '../../helpers/broker.js'
import { waitFor } from '../../helpers/ha-cluster.js'
import { type NetnsNode, netnsClusterUnavailable, startNetnsCluster } from '../../helpers/netns-cluster.js'
import { alive } from '../../helpers/pacemaker.js'
import { configureQpiddClone, PORT, VIP_ADDRESS } from '../../helpers/qpidd-clone.js'
import { run } from '../../helpers/run.js'

const MESSAGES = 3000

test('Pacemaker on three nodes: failover through the VIP, a hung primary, a planned move, a backup not ready', {
  skip: netnsClusterUnavailable(),
  timeout: 400000,
}, async (t) => {
  const cluster = await startNetnsCluster(3)
  const clients: ChildProcess[] = []
  t.after(async () => {
    for (const c of clients) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL')
    await cluster.stop()
  })
  t.diagnostic(`3 nodes online with quorum after ${cluster.startMs} ms`)
  const { nodes, lan } = cluster
  const pcs = (...args: string[]) => cluster.admin('/usr/sbin/pcs', args)
  const promotesOn = (n: NetnsNode) =>
    nodes
      .map(
        (m) => readFileSync(m.log, 'utf8').split(`Result of promote operation for qpidd on ${n.name}: ok`).length - 1,
      )
      .reduce((x, y) => x + y)

  const configured = Date.now()
  const clone = await configureQpiddClone(cluster)
  const { members, status, primary, oneActiveTwoReady, brokerPid, vipOn } = clone
  await waitFor('one active and two ready brokers', oneActiveTwoReady, 90000)
  let first = await primary()
  await waitFor('the VIP on the primary node only', () => vipOn(first), 20000)
  assert.equal(await status(VIP_ADDRESS), 'active')
  t.diagnostic(`from the first pcs command to one active and two ready: ${Date.now() - configured} ms`)

  // --- kill -9 of the primary, clients on the VIP only --------------------------------------------
  const config = await run('qpid-config', ['-b', VIP_ADDRESS, 'add', 'queue', 'q', '--replicate', 'all'], {
    netns: lan,
  })
  assert.equal(config.code, 0, config.stderr)
  const sender = cluster.spawnInLan(process.execPath, [
    join(ROOT, 'bin/qpid-ref-send.js'),
    '-b',
    VIP_ADDRESS,
    '-a',
    'q',
    '-m',
    String(MESSAGES),
    '--rate',
    '1000',
    '--heartbeat',
    '1',
    '--reconnect-interval-max',
    '0.2',
  ])
  clients.push(sender)
  let senderOut = ''
  sender.stdout?.setEncoding('utf8').on('data', (d: string) => {
    senderOut += d
  })
  sender.stderr?.setEncoding('utf8').on('data', (d: string) => {
    senderOut += d
  })
  const senderDone = new Promise<number | null>((resolve) => sender.once('exit', (code) => resolve(code)))
  await waitFor('the sender connected through the VIP', () => senderOut.includes('connected'), 20000)
  await new Promise((resolve) => setTimeout(resolve, 1000)) // about a third sent before the crash

  const killedPid = brokerPid(nodes[first])
  const killedAt = Date.now()
  process.kill(killedPid, 'SIGKILL')
  await waitFor('a ready backup promoted', async () => ![-1, first].includes(await primary()), 60000)
  const promotedMs = Date.now() - killedAt
  const second = await primary()
  await waitFor('the VIP moved to the new primary', () => vipOn(second), 30000)
  await waitFor(
    'the killed broker restarted and ready again',
    async () => brokerPid(nodes[first]) !== killedPid && (await status(members[first])) === 'ready',
    60000,
  )
  t.diagnostic(`kill -9 of ${nodes[first].name}: ${nodes[second].name} active after ${promotedMs} ms`)

  assert.equal(await senderDone, 0, senderOut)
  t.diagnostic(`sender: ${senderOut.trim().split('\n').join(' | ')}`)
  const receiver = await run(
    'qpid-ref-receive',
    ['-b', VIP_ADDRESS, '-a', 'q', '-m', String(MESSAGES), '--timeout', '10'],
    { netns: lan, timeoutMs: 60000 },
  )
  t.diagnostic(`receiver: ${receiver.stdout.trim().split('\n').join(' | ')}`)
  assert.equal(receiver.code, 0, `numbers missing after the failover: ${receiver.stdout}${receiver.stderr}`)
  assert.match(receiver.stdout, /^missing: none$/m)

  // --- a hung primary: the monitor gets no answer within monitor_timeout ------------------------
  const hungPid = brokerPid(nodes[second])
  const stoppedAt = Date.now()
  process.kill(hungPid, 'SIGSTOP')
  await waitFor(
    'a ready backup promoted in place of the hung primary',
    async () => ![-1, second].includes(await primary()),
    60000,
  )
  const replacedMs = Date.now() - stoppedAt
  await waitFor('one active and two ready brokers after the hang', oneActiveTwoReady, 60000)
  assert.notEqual(brokerPid(nodes[second]), hungPid, 'the hung broker was replaced by a new process')
  assert.equal(alive(hungPid), false)
  const third = await primary()
  await waitFor('the VIP on the new primary', () => vipOn(third), 30000)
  t.diagnostic(`SIGSTOP of ${nodes[second].name}: ${nodes[third].name} active after ${replacedMs} ms`)

  // --- a planned move of the primary to a ready backup ------------------------------------------
  const target = [0, 1, 2].find((i) => i !== third) as number
  const oldPid = brokerPid(nodes[third])
  await pcs('resource', 'move', 'qpidd-clone', nodes[target].name, '--promoted')
  await waitFor(`${nodes[target].name} the primary`, async () => (await primary()) === target, 60000)
  await waitFor('the VIP on the moved primary', () => vipOn(target), 30000)
  await waitFor(
    'the old primary back as a ready backup',
    async () => brokerPid(nodes[third]) !== oldPid && (await status(members[third])) === 'ready',
    60000,
  )
  await waitFor(
    "the move's temporary location constraint removed",
    async () => !(await pcs('constraint', 'location', 'config')).includes('cli-prefer'),
    30000,
  )
  assert.equal(await status(VIP_ADDRESS), 'active')

  // --- a backup that is not ready is never promoted -----------------------------------------------
  // Backup `cut` cannot reach any broker (its packets to port 5672 are dropped on its eth0; Corosync
  // and the other brokers' connections to it still pass). Restarted, it stays joining with no
  // promotion score; when the primary dies, the ready backup is promoted, never `cut`.
  first = target
  const cut = [0, 1, 2].find((i) => i !== first) as number
  const ready = [0, 1, 2].find((i) => i !== first && i !== cut) as number
  const tc = (...args: string[]) => nodes[cut].run('/usr/sbin/tc', args)
  for (const args of [
    ['qdisc', 'add', 'dev', 'eth0', 'root', 'handle', '1:', 'htb', 'default', '10'],
    ['class', 'add', 'dev', 'eth0', 'parent', '1:', 'classid', '1:10', 'htb', 'rate', '10gbit'],
    ['class', 'add', 'dev', 'eth0', 'parent', '1:', 'classid', '1:30', 'htb', 'rate', '8bit'],
    ['qdisc', 'add', 'dev', 'eth0', 'parent', '1:30', 'handle', '30:', 'pfifo', 'limit', '0'],
    [
      'filter',
      'add',
      'dev',
      'eth0',
      'parent',
      '1:',
      'protocol',
      'ip',
      'u32',
      'match',
      'ip',
      'dport',
      String(PORT),
      '0xffff',
      'flowid',
      '1:30',
    ],
  ]) {
    const r = await tc(...args)
    assert.equal(r.code, 0, `tc ${args.join(' ')}: ${r.stderr}`)
  }
  const cutPid = brokerPid(nodes[cut])
  process.kill(cutPid, 'SIGKILL')
  await waitFor(
    `${nodes[cut].name} restarted and joining`,
    async () =>
      alive(brokerPid(nodes[cut])) && brokerPid(nodes[cut]) !== cutPid && (await status(members[cut])) === 'joining',
    60000,
  )
  const cutPromotes = promotesOn(nodes[cut])
  process.kill(brokerPid(nodes[first]), 'SIGKILL')
  await waitFor(`${nodes[ready].name}, the ready backup, promoted`, async () => (await primary()) === ready, 60000)
  await waitFor('the VIP on the new primary', () => vipOn(ready), 30000)
  assert.equal(await status(members[cut]), 'joining')
  assert.equal(promotesOn(nodes[cut]), cutPromotes, `${nodes[cut].name} was promoted while joining`)
  assert.equal((await tc('qdisc', 'del', 'dev', 'eth0', 'root')).code, 0)
  await waitFor('one active and two ready brokers once it can reach the primary', oneActiveTwoReady, 60000)
  assert.equal(await primary(), ready)
})
