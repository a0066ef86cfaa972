// qpid-ha lag (issue 9 item 5, docs/ha.md) through the real executable: on a real cluster, every
// backup's copy of each fully replicated queue beside the primary's, piped as plain columns, as
// JSON and as a human table on a terminal; a backup still catching up (a scripted member) with
// its progress per queue and an unreachable one; no primary, an error; --watch until Ctrl-C.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { activeCluster, send, withAgent } from '../../helpers/ha-cluster.js'
import { startResponder } from '../../helpers/ha-responder.js'
import { runJson } from '../../helpers/json-run.js'
import { closedPort } from '../../helpers/ports.js'
import { run } from '../../helpers/run.js'
import { openTerminal, plain } from '../../helpers/terminal.js'
import { startPiped } from '../../helpers/watcher.js'

const HEADER = [
  'backup',
  'queue',
  'depth',
  'backup-depth',
  'lag',
  'bytes',
  'backup-bytes',
  'lag-bytes',
  'enqueues',
  'backup-enqueues',
  'progress',
]

/** The columns of the table below the summary, as words. */
function columns(stdout: string): { summary: string; rows: string[][] } {
  const [summary, body = ''] = stdout.split('\n\n')
  const rows = body
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('  ==='))
    .map((l) => l.trim().split(/\s+/))
  assert.deepEqual(rows.shift(), HEADER)
  return { summary: `${summary}\n`, rows }
}

test('a real cluster: each ready backup holds every message of the fully replicated queues', async (t) => {
  const c = await activeCluster(t)
  const [a, b, d] = c.brokers.map((x) => x.address)
  await withAgent(a, async (x) => {
    for (const [name, level] of [
      ['orders', 'all'],
      ['settings', 'configuration'],
    ]) {
      await x.callMethod('org.apache.qpid.broker:broker:amqp-broker', 'create', {
        type: 'queue',
        name,
        properties: { 'qpid.replicate': level },
        strict: true,
      })
    }
  })
  const sent = await send(a, 'orders', 25)
  await sent.confirmed
  sent.close()
  const bytes = await withAgent(a, async (x) => {
    const [q] = (await x.query('queue')).filter((o) => o.values.name === 'orders')
    return Number(q.values.byteDepth)
  })
  assert.ok(bytes > 0)

  const r = await run('qpid-ha', ['lag', '-b', b])
  assert.equal(r.code, 0)
  assert.equal(r.stderr, '')
  const { summary, rows } = columns(r.stdout)
  assert.equal(
    summary,
    `Primary ${a} active: 1 fully replicated queue\n` +
      `Backup ${b} ready: lag 0 messages, 0 bytes\n` +
      `Backup ${d} ready: lag 0 messages, 0 bytes\n`,
  )
  const row = (backup: string) => [backup, 'orders', '25', '25', '0', `${bytes}`, `${bytes}`, '0', '25', '25', '100%']
  assert.deepEqual(rows, [row(b), row(d)])

  const json = await runJson('qpid-ha', ['lag', '-b', a])
  assert.equal(json.code, 0)
  const figures = { depth: 25, bytes, enqueues: 25 }
  const backup = (address: string) => ({
    address,
    status: 'ready',
    messages: 0,
    bytes: 0,
    queues: [{ name: 'orders', primary: figures, backup: figures, lag: { messages: 0, bytes: 0 }, progress: 1 }],
  })
  assert.deepEqual(json.doc, {
    broker: a,
    lag: { primary: { address: a, status: 'active' }, queues: 1, backups: [backup(b), backup(d)] },
  })

  // on a terminal: a boxed table, numbers grouped
  const term = openTerminal(t, 'qpid-ha', ['lag', '-b', a])
  assert.equal(await term.exited, 0)
  const shown = plain(term.output())
  assert.ok(shown.startsWith(`Primary ${a} active: 1 fully replicated queue\n`), shown)
  assert.match(shown, /│ Backup +│ Queue +│ Messages │ On backup │ Lag │/)
  assert.match(shown, new RegExp(`│ ${b.replaceAll('.', '\\.')} +│ orders +│ +25 │ +25 │ +0 │`))

  // watched, piped: snapshots until Ctrl-C
  const w = startPiped(t, 'qpid-ha', ['lag', '-b', a, '--watch=0.2'])
  await w.waitFor('two snapshots', (out) => (out.match(/^--- \S+Z ---\nPrimary /gm)?.length ?? 0) >= 2)
  assert.equal(await w.interrupt(), 0)
  assert.equal(w.stderr(), '')
})

test('a backup catching up shows its progress per queue; an unreachable one its error; no primary is an error', async (t) => {
  const ids = ['11111111-1111-1111-1111-111111111111', '22222222-2222-2222-2222-222222222222']
  const members = await Promise.all(ids.map(() => startResponder(undefined)))
  for (const m of members) t.after(() => m.close())
  const [p, b1] = members
  const gone = `127.0.0.1:${await closedPort()}`
  const url = `${p.address},${b1.address},${gone}`
  members.forEach((m, i) => {
    m.state = {
      status: ['active', 'catchup'][i],
      brokersUrl: url,
      publicUrl: '',
      replicateDefault: 'all',
      systemId: ids[i],
    }
  })
  const queue = (name: string, depth: number, replicate = 'all') => ({
    name,
    msgDepth: depth,
    byteDepth: depth * 1000,
    msgTotalEnqueues: depth + 5,
    arguments: { 'qpid.replicate': replicate },
  })
  p.queues = [queue('orders', 1200), queue('audit', 7), queue('local', 50, 'none')]
  b1.queues = [queue('orders', 300)]

  const r = await run('qpid-ha', ['lag', '-b', b1.address])
  assert.equal(r.code, 0)
  const { summary, rows } = columns(r.stdout)
  assert.equal(
    summary,
    `Primary ${p.address} active: 2 fully replicated queues\n` +
      `Backup ${b1.address} catchup: lag 907 messages, 907000 bytes; 2 of 2 queues catching up\n` +
      `Backup ${gone}: [Errno 111] Connection refused\n`,
  )
  assert.deepEqual(rows, [
    [b1.address, 'orders', '1200', '300', '900', '1200000', '300000', '900000', '1205', '305', '25%'],
    [b1.address, 'audit', '7', '-', '7', '7000', '-', '7000', '12', '-', 'missing'],
  ])
  const json = await runJson('qpid-ha', ['lag', '-b', p.address])
  const backups = (json.doc.lag as { backups: unknown[] }).backups
  assert.deepEqual(backups[1], {
    address: gone,
    error: { type: 'ConnectError', message: '[Errno 111] Connection refused' },
  })

  p.state = { ...(p.state as NonNullable<typeof p.state>), status: 'ready' }
  const none = await run('qpid-ha', ['lag', '-b', p.address])
  assert.deepEqual(none, {
    code: 1,
    stderr: '',
    stdout: `Exception: no primary, lag is measured against one (${p.address} ready, ${b1.address} catchup, ${gone} [Errno 111] Connection refused)\n`,
  })
  const failed = await runJson('qpid-ha', ['lag', '-b', p.address])
  assert.equal(failed.code, 1)
  assert.equal((failed.doc.error as { type: string }).type, 'Exception')
  assert.equal(failed.doc.broker, p.address)
})
