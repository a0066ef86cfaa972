// qpid-ha switchover --to (issue 9 item 4, docs/ha.md) through the real executable: on a real
// cluster the old primary is stopped, the backup promoted and every acknowledged message is on
// the new primary; the old primary, started again, rejoins as a backup and takes over back, asked
// and confirmed on a terminal. Scripted members show the refusals: a backup not ready, a backup
// that lags, a primary that keeps accepting connections after its shutdown.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { activeCluster, haStatus, queueDepth, send, waitFor, waitStatus, withAgent } from '../../helpers/ha-cluster.js'
import { startResponder } from '../../helpers/ha-responder.js'
import { runJson } from '../../helpers/json-run.js'
import { run } from '../../helpers/run.js'
import { plain, runInTerminal } from '../../helpers/terminal.js'

const SWITCHED = (from: string, to: string) =>
  new RegExp(
    `^Switched over: ${to} is the primary \\(was ${from}\\)\\n` +
      `Unavailable for \\d+ ms \\(from the shutdown of ${from} until ${to} was active\\)\\n` +
      `Next: start qpidd on ${from} again: it rejoins as a backup \\(check with: qpid-ha status -b ${from}\\)\\n$`.replaceAll(
        '.',
        '\\.',
      ),
  )

test('a planned switchover on a real cluster: no acknowledged message lost, the old primary rejoins and takes over back', async (t) => {
  const c = await activeCluster(t)
  const [a, b, d] = c.brokers.map((x) => x.address)
  await withAgent(a, (x) =>
    x.callMethod('org.apache.qpid.broker:broker:amqp-broker', 'create', {
      type: 'queue',
      name: 'orders',
      properties: { 'qpid.replicate': 'all' },
      strict: true,
    }),
  )
  const sent = await send(a, 'orders', 20)
  await sent.confirmed
  sent.close()

  assert.deepEqual(await run('qpid-ha', ['switchover', '-b', d, '--to', b, '--dry-run']), {
    code: 0,
    stderr: '',
    stdout: `would stop primary ${a} (shutdown) and promote ${b} (ready, lag 0 on 1 queue)\n`,
  })
  assert.deepEqual(await run('qpid-ha', ['switchover', '-b', d, '--to', a]), {
    code: 1,
    stderr: '',
    stdout: `Exception: ${a} is already the primary\n`,
  })
  assert.equal(await haStatus(a), 'active', 'a dry run changes nothing')

  const r = await run('qpid-ha', ['switchover', '-b', d, '--to', b])
  assert.equal(r.stderr, '')
  assert.equal(r.code, 0, r.stdout)
  assert.match(r.stdout, SWITCHED(a, b))
  assert.equal(await haStatus(b), 'active')
  await waitFor('the old primary to exit', () => c.brokers[0].process.exitCode !== null)
  await waitStatus(d, 'ready')
  assert.equal(await queueDepth(b, 'orders'), 20)

  // started again, the old primary rejoins as a backup; back on a terminal, asked first
  const again = (await c.start(0)).address
  await waitStatus(again, 'ready')
  const cancelled = await runInTerminal(
    t,
    'qpid-ha',
    ['switchover', '-b', b, '--to', again],
    [{ after: /Stop primary .+\?/, keys: 'n\r' }],
  )
  assert.equal(cancelled.code, 1)
  assert.match(plain(cancelled.output), /Cancelled: nothing was changed/)
  assert.equal(await haStatus(b), 'active')
  const confirmed = await runInTerminal(
    t,
    'qpid-ha',
    ['switchover', '-b', b, '--to', again],
    [{ after: /Stop primary .+\?/, keys: 'y\r' }],
  )
  assert.equal(confirmed.code, 0, plain(confirmed.output))
  assert.match(plain(confirmed.output), new RegExp(`Switched over: ${again.replaceAll('.', '\\.')} is the primary`))
  assert.equal(await haStatus(again), 'active')
  await waitStatus(d, 'ready')
  assert.equal(await queueDepth(again, 'orders'), 20)
})

test('refusals: no --to, a backup not ready or lagging, a primary still listening after its shutdown', async (t) => {
  const ids = ['11111111-1111-1111-1111-111111111111', '22222222-2222-2222-2222-222222222222']
  const members = await Promise.all(ids.map(() => startResponder(undefined)))
  for (const m of members) t.after(() => m.close())
  const [p, b] = members
  const url = `${p.address},${b.address}`
  const state = (i: number, status: string) => ({
    status,
    brokersUrl: url,
    publicUrl: '',
    replicateDefault: 'all',
    systemId: ids[i],
  })
  p.state = state(0, 'active')
  b.state = state(1, 'catchup')
  const queue = (name: string, depth: number) => ({ name, msgDepth: depth, arguments: { 'qpid.replicate': 'all' } })
  p.queues = [queue('orders', 10), queue('audit', 2)]
  b.queues = [queue('orders', 7)]

  assert.deepEqual(await run('qpid-ha', ['switchover', '-b', p.address]), {
    code: 1,
    stderr: '',
    stdout: 'Exception: switchover needs --to <backup>: the backup to promote\n',
  })
  const limit = ['--timeout', '0.5']
  assert.deepEqual(await run('qpid-ha', ['switchover', '-b', p.address, '--to', b.address, ...limit]), {
    code: 1,
    stderr: '',
    stdout: `Exception: ${b.address} is catchup, not ready: it cannot take over from ${p.address}: nothing was changed\n`,
  })
  b.state = state(1, 'ready')
  const lagging = `${b.address} lags 5 messages on 2 queues (orders: 3, audit: 2)`
  assert.deepEqual(await run('qpid-ha', ['switchover', '-b', b.address, '--to', b.address, ...limit]), {
    code: 1,
    stderr: '',
    stdout: `Exception: ${lagging}: nothing was changed\n`,
  })
  assert.deepEqual(await run('qpid-ha', ['switchover', '-b', b.address, '--to', b.address, '--dry-run', ...limit]), {
    code: 1,
    stderr: '',
    stdout: `would fail: ${lagging}\n`,
  })
  const json = await runJson('qpid-ha', ['switchover', '-b', p.address, '--to', b.address, '--json', ...limit])
  assert.deepEqual(json, {
    code: 1,
    doc: { broker: p.address, error: { type: 'Exception', message: `${lagging}: nothing was changed` } },
    stderr: '',
  })
  assert.equal(p.calls.length, 0, 'nothing was asked to change')

  // caught up: the scripted primary answers `shutdown` but keeps its port open
  b.queues = [queue('orders', 10), queue('audit', 2)]
  const stuck = await run('qpid-ha', ['switchover', '-b', p.address, '--to', b.address, ...limit])
  assert.equal(stuck.code, 1)
  assert.equal(
    stuck.stdout,
    `Exception: ${p.address} still accepts connections after its shutdown: nothing was promoted; stop it, then promote ${b.address} (qpid-ha promote -b ${b.address} --cluster-manager)\n`,
  )
  assert.deepEqual(
    p.calls.map((x) => x.method),
    ['shutdown'],
  )
  assert.deepEqual(b.calls, [])
})
