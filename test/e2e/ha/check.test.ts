// qpid-ha check (issue 9 item 2, docs/ha.md): the Nagios/Icinga plugin contract through the real
// executable. One status line `QPID-HA <STATE> - ... | perfdata`, exit 0 OK, 1 WARNING,
// 2 CRITICAL, 3 UNKNOWN, for every outcome: a healthy cluster, a member killed, a member hung
// (SIGSTOP), a split brain made on purpose, no primary, a backup that never becomes ready, the
// wrong member count, replication lag past the limits, and a bad command line.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { HA_BROKER_OBJECT } from '../../../src/protocol/qmf-request.js'
import { startBroker } from '../../helpers/broker.js'
import { activeCluster, HA_ARGS, send, startCluster, waitStatus, withAgent } from '../../helpers/ha-cluster.js'
import { startResponder } from '../../helpers/ha-responder.js'
import { runJson } from '../../helpers/json-run.js'
import { closedPort } from '../../helpers/ports.js'
import { run } from '../../helpers/run.js'

const TIME = /'time'=\d+(\.\d+)?s;;;0$/

/** The status line without its time figure, and the exit code. */
async function check(...args: string[]): Promise<{ code: number | null; line: string }> {
  const r = await run('qpid-ha', ['check', ...args])
  assert.equal(r.stderr, '')
  const lines = r.stdout.split('\n')
  assert.equal(lines.length, 2, `one status line: ${r.stdout}`)
  assert.match(lines[0], TIME)
  return { code: r.code, line: lines[0].replace(TIME, '').trimEnd() }
}

test('a healthy cluster is OK; a killed or hung member is WARNING; a split brain is CRITICAL', async (t) => {
  const c = await activeCluster(t)
  const [a, b, d] = c.brokers.map((x) => x.address)
  assert.deepEqual(await check('-b', a), { code: 0, line: `QPID-HA OK - ${a} is active |` })
  assert.deepEqual(await check('-b', b), { code: 0, line: `QPID-HA OK - ${b} is ready |` })

  // replicated messages, each confirmed only once every ready backup holds it: no lag
  await withAgent(a, (x) =>
    x.callMethod('org.apache.qpid.broker:broker:amqp-broker', 'create', {
      type: 'queue',
      name: 'orders',
      properties: { 'qpid.replicate': 'all' },
      strict: true,
    }),
  )
  const sent = await send(a, 'orders', 25)
  await sent.confirmed
  sent.close()
  const perf = `'members'=3;;;0 'reachable'=3;;;0 'primaries'=1;;;0 'ready'=2;;;0 'lag ${b}'=0;0;10;0 'lag ${d}'=0;0;10;0`
  assert.deepEqual(await check('--all', '-b', b, '--expect-members', '3', '--warn-lag', '0', '--crit-lag', '10'), {
    code: 0,
    line: `QPID-HA OK - 3 members: ${a} active, 2 ready | ${perf}`,
  })
  assert.deepEqual(await check('--all', '-b', a, '--expect-members', '4'), {
    code: 1,
    line: `QPID-HA WARNING - 3 members in the brokers URL, expected 4 | 'members'=3;;;0 'reachable'=3;;;0 'primaries'=1;;;0 'ready'=2;;;0 'lag ${b}'=0;;;0 'lag ${d}'=0;;;0`,
  })
  const doc = await runJson('qpid-ha', ['check', '--all', '-b', a])
  assert.equal(doc.code, 0)
  const report = doc.doc.check as Record<string, unknown>
  assert.equal(report.state, 'OK')
  assert.equal(report.exitCode, 0)
  assert.deepEqual(report.members, [
    { address: a, status: 'active' },
    { address: b, status: 'ready', lag: 0 },
    { address: d, status: 'ready', lag: 0 },
  ])

  // hung: the check still answers within its deadline
  const hung = c.brokers[2]
  t.after(() => hung.process.kill('SIGCONT'))
  hung.process.kill('SIGSTOP')
  const started = Date.now()
  const stopped = await check('--all', '-b', a, '--timeout', '1')
  assert.ok(Date.now() - started < 8000, 'answered within the deadline')
  assert.equal(stopped.code, 1)
  assert.match(
    stopped.line,
    new RegExp(`^QPID-HA WARNING - ${d} unreachable: .+ \\| 'members'=3;;;0 'reachable'=2;;;0 `),
  )
  assert.match((await check('-b', d, '--timeout', '1')).line, new RegExp(`^QPID-HA CRITICAL - ${d} unreachable: `))
  hung.process.kill('SIGCONT')
  await hung.kill()
  assert.deepEqual(await check('--all', '-b', a), {
    code: 1,
    line: `QPID-HA WARNING - ${d} unreachable: [Errno 111] Connection refused | 'members'=3;;;0 'reachable'=2;;;0 'primaries'=1;;;0 'ready'=1;;;0 'lag ${b}'=0;;;0`,
  })

  // split brain, made on purpose
  assert.equal((await run('qpid-ha', ['promote', '-b', b, '--cluster-manager', '--force'])).code, 0)
  await waitStatus(b, 'active')
  const split = await check('--all', '-b', a)
  assert.equal(split.code, 2)
  assert.match(
    split.line,
    new RegExp(`^QPID-HA CRITICAL - split brain: 2 primaries \\(${a} active, ${b} active\\); ${d} unreachable: `),
  )
  assert.equal((await runJson('qpid-ha', ['check', '--all', '-b', b])).code, 2)
})

test('no primary is CRITICAL at once; a backup that never gets ready is WARNING after the grace period', async (t) => {
  const fresh = await startCluster(t, 2)
  const [a, b] = fresh.brokers.map((x) => x.address)
  const started = Date.now()
  assert.deepEqual(await check('--all', '-b', a, '--ready-grace', '30'), {
    code: 2,
    line: `QPID-HA CRITICAL - no primary | 'members'=2;;;0 'reachable'=2;;;0 'primaries'=0;;;0 'ready'=0;;;0`,
  })
  assert.ok(Date.now() - started < 10_000, 'no primary: no backup can get ready, so nothing is waited for')
  assert.deepEqual(await check('-b', b, '--ready-grace', '0.3'), {
    code: 1,
    line: `QPID-HA WARNING - ${b} is joining after 0.3 s |`,
  })

  // a member that cannot reach the others stays joining next to a primary
  await withAgent(a, (x) => x.callMethod(HA_BROKER_OBJECT, 'promote'))
  await waitStatus(b, 'ready')
  const lost = await startBroker(t, { args: [...HA_ARGS, '--ha-brokers-url', `127.0.0.1:${await closedPort()}`] })
  const url = [a, b, lost.address].join(',')
  await withAgent(a, (x) => x.callMethod(HA_BROKER_OBJECT, 'setBrokersUrl', { url }))
  const waited = Date.now()
  const late = await check('--all', '-b', a, '--ready-grace', '1')
  assert.ok(Date.now() - waited >= 1000, 'the backup was given its grace period')
  assert.equal(late.code, 1)
  assert.match(late.line, new RegExp(`^QPID-HA WARNING - ${lost.address} is joining after 1 s \\| `))
})

test('replication lag past --warn-lag / --crit-lag; a bad command line is UNKNOWN', async (t) => {
  const ids = [
    '11111111-1111-1111-1111-111111111111',
    '22222222-2222-2222-2222-222222222222',
    '33333333-3333-3333-3333-333333333333',
  ]
  const members = await Promise.all(ids.map(() => startResponder(undefined)))
  for (const m of members) t.after(() => m.close())
  const url = members.map((m) => m.address).join(',')
  const [p, b1, b2] = members
  members.forEach((m, i) => {
    m.state = {
      status: i === 0 ? 'active' : 'ready',
      brokersUrl: url,
      publicUrl: '',
      replicateDefault: 'all',
      systemId: ids[i],
    }
  })
  const queue = (name: string, depth: number, replicate = 'all') => ({
    name,
    msgDepth: depth,
    arguments: { 'qpid.replicate': replicate },
  })
  p.queues = [queue('q1', 100), queue('q2', 7), queue('local', 50, 'none')]
  b1.queues = [queue('q1', 96), queue('q2', 7)]
  b2.queues = [queue('q1', 100)] // q2 not there yet: all 7 of its messages count
  const limits = ['--warn-lag', '3', '--crit-lag', '5']
  const r = await check('--all', '-b', p.address, ...limits)
  assert.deepEqual(r, {
    code: 2,
    line: `QPID-HA CRITICAL - ${b2.address} lags 7 messages; ${b1.address} lags 4 messages | 'members'=3;;;0 'reachable'=3;;;0 'primaries'=1;;;0 'ready'=2;;;0 'lag ${b1.address}'=4;3;5;0 'lag ${b2.address}'=7;3;5;0`,
  })
  assert.equal((await check('--all', '-b', p.address, '--warn-lag', '3', '--crit-lag', '10')).code, 1)
  assert.equal((await check('--all', '-b', p.address, '--warn-lag', '10')).code, 0)

  // UNKNOWN: options the check cannot use, a broker without the HA module
  assert.deepEqual(await run('qpid-ha', ['check', '-b', p.address, '--warn-lag', '3']), {
    code: 3,
    stdout: 'QPID-HA UNKNOWN - --warn-lag, --crit-lag and --expect-members need --all\n',
    stderr: '',
  })
  assert.deepEqual(await run('qpid-ha', ['check', '--all', '--warn-lag', '9', '--crit-lag', '3']), {
    code: 3,
    stdout: 'QPID-HA UNKNOWN - --warn-lag must not be above --crit-lag\n',
    stderr: '',
  })
  assert.deepEqual(await run('qpid-ha', ['check', '--bogus']), {
    code: 3,
    stdout: 'QPID-HA UNKNOWN - no such option: --bogus\n',
    stderr: '',
  })
  assert.deepEqual(await run('qpid-ha', ['check', 'extra']), {
    code: 3,
    stdout: 'QPID-HA UNKNOWN - Wrong number of arguments\n',
    stderr: '',
  })
  const noHa = await startResponder(undefined)
  t.after(() => noHa.close())
  assert.deepEqual(await check('-b', noHa.address), {
    code: 3,
    line: `QPID-HA UNKNOWN - HA module is not loaded on broker at ${noHa.address} |`,
  })
  assert.deepEqual(await runJson('qpid-ha', ['check', '--bogus']), {
    code: 3,
    doc: { error: { type: 'UsageError', message: 'no such option: --bogus' } },
    stderr: '',
  })
})
