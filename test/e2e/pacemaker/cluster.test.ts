// The agent under a real Pacemaker: a one-node Corosync ring on loopback, a promotable clone of
// ocf/qpidd with three instances (127.0.0.2-4, one port) and a VIP (IPaddr2, 127.0.0.100 on lo)
// colocated with the promoted instance and started after the promotion, configured with the pcs
// commands of docs/pacemaker.md. Scenario: one promoted and two ready; a failover client sending;
// kill -9 of the primary; Pacemaker promotes a ready backup, starts the VIP again after it, and
// restarts the killed broker, which rejoins as a ready backup; nothing confirmed is lost. Then a
// hung primary (SIGSTOP) is detected and replaced the same way.
//
// Pacemaker's configuration lives in /var/lib/pacemaker/cib, so the test needs root and a machine
// with no cluster of its own (it checks, and skips saying why); it removes that configuration after.
import assert from 'node:assert/strict'
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { ROOT } from '../../helpers/broker.js'
import { haStatus, waitFor } from '../../helpers/ha-cluster.js'
import { alive, pacemakerUnavailable, runCommand, startPacemaker } from '../../helpers/pacemaker.js'
import { closedPort } from '../../helpers/ports.js'
import { run } from '../../helpers/run.js'

const VIP = '127.0.0.100'
const MESSAGES = 3000

test('Pacemaker fails a killed, then a hung primary over to a ready backup', {
  skip: pacemakerUnavailable(),
  timeout: 300000,
}, async (t) => {
  const port = await closedPort()
  const members = ['127.0.0.2', '127.0.0.3', '127.0.0.4'].map((h) => `${h}:${port}`)
  const cluster = await startPacemaker()
  const pidfile = join(cluster.dir, 'qpidd.pid')
  // instance i of the clone serves members[i] (address_from_instance); its pid file is pidfile-i
  const pidOf = (i: number) => Number(readFileSync(`${pidfile}-${i}`, 'utf8'))
  const clients: ChildProcess[] = []
  t.after(async () => {
    for (const c of clients) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL')
    await cluster.stop()
    // whatever Pacemaker did not stop: the brokers by their pid files, the VIP by its address
    for (const f of readdirSync(cluster.dir).filter((n) => n.startsWith('qpidd.pid-') && /-\d+$/.test(n))) {
      const pid = Number(readFileSync(join(cluster.dir, f), 'utf8'))
      if (alive(pid)) process.kill(pid, 'SIGKILL')
    }
    const lo = await runCommand('/usr/sbin/ip', ['-4', 'addr', 'show', 'dev', 'lo'])
    if (lo.stdout.includes(`${VIP}/8`)) await runCommand('/usr/sbin/ip', ['addr', 'del', `${VIP}/8`, 'dev', 'lo'])
    rmSync(cluster.dir, { recursive: true, force: true })
  })
  t.diagnostic(`corosync + pacemaker: node1 online with quorum after ${cluster.startMs} ms`)

  const pcs = (...args: string[]) => cluster.run('/usr/sbin/pcs', args)
  const statuses = () => Promise.all(members.map((m) => haStatus(m).catch(() => 'down')))
  const primaryIndex = async () => (await statuses()).indexOf('active')
  const oneActiveTwoReady = async () => (await statuses()).sort().join(' ') === 'active ready ready'

  const configured = Date.now()
  // One node: no fencing device to configure (docs/pacemaker.md says why a real cluster needs one).
  await pcs('property', 'set', 'stonith-enabled=false')
  await pcs('resource', 'defaults', 'update', 'resource-stickiness=100')
  await pcs(
    'resource',
    'create',
    'qpidd',
    'ocf:qpid-tools-test:qpidd',
    `brokers_url=${members.join(',')}`,
    'address_from_instance=true',
    `data_dir=${join(cluster.dir, 'data')}`,
    `pidfile=${pidfile}`,
    'monitor_timeout=1',
    'extra_args=--link-maintenance-interval 0.1 --link-heartbeat-interval 2 --ha-replicate all',
    'op',
    'monitor',
    'role=Promoted',
    'interval=2s',
    'timeout=10s',
    'op',
    'monitor',
    'role=Unpromoted',
    'interval=3s',
    'timeout=10s',
    'promotable',
    'promoted-max=1',
    'clone-max=3',
    'clone-node-max=3',
    'globally-unique=true',
  )
  await pcs(
    'resource',
    'create',
    'vip',
    'ocf:heartbeat:IPaddr2',
    `ip=${VIP}`,
    'cidr_netmask=8',
    'nic=lo',
    'op',
    'monitor',
    'interval=5s',
  )
  await pcs('constraint', 'colocation', 'add', 'vip', 'with', 'Promoted', 'qpidd-clone', 'INFINITY')
  await pcs('constraint', 'order', 'promote', 'qpidd-clone', 'then', 'start', 'vip')

  await waitFor('one active and two ready brokers', oneActiveTwoReady, 60000)
  await waitFor(
    'the VIP on lo',
    async () => (await runCommand('/usr/sbin/ip', ['-4', 'addr', 'show', 'dev', 'lo'])).stdout.includes(`${VIP}/8`),
    20000,
  )
  t.diagnostic(`from the first pcs command to one active and two ready: ${Date.now() - configured} ms`)
  const first = await primaryIndex()

  // A failover client given every member (docs/pacemaker.md: client settings) sends through the
  // failover; backups refuse it, so it ends on whichever broker is primary.
  const url = members.join(',')
  const qpidConfig = await run('qpid-config', ['-b', members[first], 'add', 'queue', 'q', '--replicate', 'all'])
  assert.equal(qpidConfig.code, 0, qpidConfig.stderr)
  const sender = spawn(
    process.execPath,
    [
      join(ROOT, 'bin/qpid-ref-send.js'),
      '-b',
      url,
      '-a',
      'q',
      '-m',
      String(MESSAGES),
      '--rate',
      '1000',
      '--heartbeat',
      '1',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  clients.push(sender)
  let senderOut = ''
  sender.stdout.setEncoding('utf8').on('data', (d: string) => {
    senderOut += d
  })
  sender.stderr.setEncoding('utf8').on('data', (d: string) => {
    senderOut += d
  })
  const senderDone = new Promise<number | null>((resolve) => sender.once('exit', (code) => resolve(code)))
  await new Promise((resolve) => setTimeout(resolve, 1000)) // let about a third be sent before the crash

  const killedPid = pidOf(first)
  const killedAt = Date.now()
  process.kill(killedPid, 'SIGKILL')
  await waitFor(
    'a ready backup promoted',
    async () => {
      const p = await primaryIndex()
      return p !== -1 && p !== first
    },
    60000,
  )
  const promotedMs = Date.now() - killedAt
  await waitFor(
    'the killed broker restarted and ready again',
    async () => {
      return (
        existsSync(`${pidfile}-${first}`) && pidOf(first) !== killedPid && (await haStatus(members[first])) === 'ready'
      )
    },
    60000,
  )
  await waitFor('one active and two ready brokers again', oneActiveTwoReady, 30000)
  const second = await primaryIndex()
  t.diagnostic(
    `kill -9 of ${members[first]} → ${members[second]} active after ${promotedMs} ms; ${members[first]} ready again after ${Date.now() - killedAt} ms`,
  )

  // The VIP went down before the old primary's demotion and up again only after the new promotion.
  await waitFor(
    'the VIP started after the new promotion',
    () => {
      const log = readFileSync(cluster.log, 'utf8')
      const promote = log.lastIndexOf(`Result of promote operation for qpidd:${second} on node1: ok`)
      const vipStart = log.lastIndexOf('Result of start operation for vip on node1: ok')
      if (promote !== -1 && vipStart > promote) return true
      const results = log.split('\n').filter((l) => /Result of (promote|start|stop|demote) operation/.test(l))
      throw new Error(`the log's last results:\n${results.slice(-8).join('\n')}`)
    },
    30000,
  )

  assert.equal(await senderDone, 0, senderOut)
  const receiver = await run('qpid-ref-receive', ['-b', url, '-a', 'q', '-m', String(MESSAGES), '--timeout', '10'], {
    timeoutMs: 60000,
  })
  t.diagnostic(`receiver: ${receiver.stdout.trim()} ${receiver.stderr.trim()}`)
  assert.equal(receiver.code, 0, `numbers missing after the failover: ${receiver.stdout}${receiver.stderr}`)

  // A hung primary (SIGSTOP): the monitor gets no answer within monitor_timeout (failed promoted
  // instance); Pacemaker demotes it (the agent's stop continues and ends it), restarts it as a
  // backup and promotes a ready one.
  const hungPid = pidOf(second)
  const stoppedAt = Date.now()
  process.kill(hungPid, 'SIGSTOP')
  await waitFor(
    'a ready backup promoted in place of the hung primary',
    async () => {
      const p = await primaryIndex()
      return p !== -1 && p !== second
    },
    60000,
  )
  const replacedMs = Date.now() - stoppedAt
  await waitFor('one active and two ready brokers after the hang', oneActiveTwoReady, 60000)
  assert.notEqual(pidOf(second), hungPid, 'the hung broker was replaced by a new process')
  assert.equal(alive(hungPid), false)
  t.diagnostic(`SIGSTOP of ${members[second]} → ${members[await primaryIndex()]} active after ${replacedMs} ms`)
})
