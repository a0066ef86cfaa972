// qpid-ref-send and qpid-ref-receive as processes against real qpidd-ref brokers: exact counts,
// gap reporting and exit codes, a dead address in the list, usage and connection errors.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { startBroker } from '../../helpers/broker.js'
import { startTool } from '../../helpers/client-ha.js'
import { closedPort } from '../../helpers/ports.js'
import { run } from '../../helpers/run.js'

const summary = (received: number, distinct: number, missing: string) =>
  `received ${received}, distinct ${distinct}, duplicates 0 (0 more filtered by the client), invalid 0\n` +
  `duplicated: none\nmissing: ${missing}\n`

test('send N, receive exactly N; a second receiver reports the gaps and exits 3', { timeout: 60_000 }, async (t) => {
  const b = await startBroker(t)
  assert.equal((await run('qpid-config', ['-b', b.address, 'add', 'queue', 'q'])).code, 0)
  const sent = await run('qpid-ref-send', ['-b', b.address, '-a', 'q', '-m', '500', '--content-size', '64'])
  assert.equal(sent.stdout, 'sent 500, confirmed 500, re-sent after failover 0, failovers 0\n')
  assert.equal(sent.stderr, `qpid-ref-send: connected to ${b.address}\n`)
  assert.equal(sent.code, 0)

  const got = await run('qpid-ref-receive', ['-b', b.address, '-a', 'q', '-m', '300'])
  assert.equal(got.stdout, summary(300, 300, 'none'))
  assert.equal(got.code, 0)
  // 1..300 were consumed: a receiver expecting 1..510 finds 301..500 and reports the rest missing.
  const rest = await run('qpid-ref-receive', ['-b', b.address, '-a', 'q', '-m', '510', '--timeout', '2'])
  assert.equal(rest.stdout, summary(200, 200, '310 (1-300,501-510)'))
  assert.equal(rest.code, 3)
  const empty = await run('qpid-ref-receive', ['-b', b.address, '-a', 'q', '--timeout', '0.2'])
  assert.equal(empty.stdout, summary(0, 0, 'none'))
  assert.equal(empty.code, 0)
})

test('a closed port first in the list is skipped', { timeout: 60_000 }, async (t) => {
  const b = await startBroker(t)
  await run('qpid-config', ['-b', b.address, 'add', 'queue', 'q'])
  const dead = `127.0.0.1:${await closedPort()}`
  const sent = await run('qpid-ref-send', ['-b', `${dead},${b.address}`, '-a', 'q', '-m', '20', '--verbose'])
  assert.equal(
    sent.stderr,
    `qpid-ref-send: cannot use ${dead}: [Errno 111] Connection refused\nqpid-ref-send: connected to ${b.address}\n`,
  )
  assert.equal(sent.code, 0)
  const got = await run('qpid-ref-receive', ['-b', dead, '-b', `amqp:tcp:${b.address}`, '-a', 'q', '-m', '20'])
  assert.equal(got.stdout, summary(20, 20, 'none'))
  assert.equal(got.code, 0)
})

test('no broker within the reconnect timeout: one error line, exit 1', { timeout: 60_000 }, async () => {
  const dead = `127.0.0.1:${await closedPort()}`
  const r = await run('qpid-ref-send', ['-b', dead, '-a', 'q', '--reconnect-timeout', '0.3'])
  assert.equal(r.stderr, `qpid-ref-send: error: reconnect timeout: ${dead}: [Errno 111] Connection refused\n`)
  assert.equal(r.stdout, 'sent 0, confirmed 0, re-sent after failover 0, failovers 0\n')
  assert.equal(r.code, 1)
})

test('an unknown queue is a link error, not a retry loop', { timeout: 60_000 }, async (t) => {
  const b = await startBroker(t)
  const r = await run('qpid-ref-send', ['-b', b.address, '-a', 'nosuch', '-m', '3'])
  assert.match(r.stderr, /^qpid-ref-send: connected to .*\nqpid-ref-send: error: nosuch: amqp:not-found/)
  assert.equal(r.stdout, 'sent 3, confirmed 0, re-sent after failover 0, failovers 0\n')
  assert.equal(r.code, 1)
})

test('usage errors exit 2 with one line and a hint', { timeout: 60_000 }, async () => {
  const cases: [string, string[], string][] = [
    ['qpid-ref-send', ['-b', '127.0.0.1:1'], 'option -a/--address is required'],
    ['qpid-ref-send', ['-a', 'q', '-m', 'lots'], "option --messages: invalid count 'lots'"],
    ['qpid-ref-receive', ['-a', 'q', '--timeout=-1'], "option --timeout: invalid number of seconds '-1'"],
    ['qpid-ref-receive', ['-a', 'q', '--bogus'], "Unknown option '--bogus'"],
    ['qpid-ref-receive', ['-a', 'q', '--connect-timeout', '0'], 'the connect timeout must be positive'],
    [
      'qpid-ref-send',
      ['-a', 'q', '--sasl-mechanism', 'GSSAPI'],
      'SASL mechanism GSSAPI is not supported by this client',
    ],
    ['qpid-ref-receive', ['-a', 'q', '-b', '127.0.0.1:99999'], "invalid broker address '127.0.0.1:99999'"],
  ]
  for (const [bin, args, text] of cases) {
    const r = await run(bin, args)
    assert.equal(r.stderr, `${bin}: error: ${text}\nTry '${bin} --help' for more information.\n`, args.join(' '))
    assert.equal(r.code, 2)
  }
  const help = await run('qpid-ref-receive', ['--help'])
  assert.match(help.stdout, /^Usage: qpid-ref-receive -b URLS -a ADDRESS/)
  assert.equal(help.code, 0)
})

test('Ctrl-C prints the summary so far and exits 130', { timeout: 60_000 }, async (t) => {
  const b = await startBroker(t)
  await run('qpid-config', ['-b', b.address, 'add', 'queue', 'q'])
  assert.equal((await run('qpid-ref-send', ['-b', b.address, '-a', 'q', '-m', '5'])).code, 0)
  const receiver = startTool(t, 'qpid-ref-receive', ['-b', b.address, '-a', 'q', '--report-every', '5'])
  await receiver.waitLine(/^received 5$/, 10_000)
  receiver.child.kill('SIGINT')
  assert.equal(await receiver.exited, 130)
  assert.deepEqual(
    receiver.lines.map((l) => l.text),
    ['received 5', ...summary(5, 5, 'none').trimEnd().split('\n')],
  )
})

test('SASL PLAIN from the URL; a wrong password fails at once with exit 1', { timeout: 60_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'client-users-'))
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  writeFileSync(join(dir, 'users'), 'admin:secret\n')
  const b = await startBroker(t, { args: ['--auth', 'yes', '--sasl-users', join(dir, 'users')] })
  const admin = `admin/secret@${b.address}`
  assert.equal((await run('qpid-config', ['-b', admin, 'add', 'queue', 'q'])).code, 0)
  const ok = await run('qpid-ref-send', ['-b', admin, '-a', 'q', '-m', '3', '--sasl-mechanism', 'PLAIN'])
  assert.equal(ok.code, 0, ok.stderr)
  const started = performance.now()
  const bad = await run('qpid-ref-receive', ['-b', `admin/wrong@${b.address}`, '-a', 'q', '-m', '3'])
  assert.match(bad.stderr, new RegExp(`^qpid-ref-receive: error: ${b.address}: authentication failed: .+\\n$`))
  assert.equal(bad.code, 1)
  assert.ok(performance.now() - started < 5000, 'no retry loop on an authentication failure')
  const got = await run('qpid-ref-receive', ['-b', admin, '-a', 'q', '-m', '3'])
  assert.equal(got.stdout, summary(3, 3, 'none'))
})

test('--durable messages survive a broker restart, others do not', { timeout: 60_000 }, async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'client-durable-'))
  t.after(() => rmSync(dataDir, { recursive: true, force: true }))
  const first = await startBroker(t, { dataDir })
  for (const q of ['qd', 'qn'])
    assert.equal((await run('qpid-config', ['-b', first.address, 'add', 'queue', q, '--durable'])).code, 0)
  assert.equal((await run('qpid-ref-send', ['-b', first.address, '-a', 'qd', '-m', '10', '--durable'])).code, 0)
  assert.equal((await run('qpid-ref-send', ['-b', first.address, '-a', 'qn', '-m', '10'])).code, 0)
  await first.stop()
  const again = await startBroker(t, { dataDir })
  const durable = await run('qpid-ref-receive', ['-b', again.address, '-a', 'qd', '-m', '10', '--timeout', '2'])
  assert.equal(durable.stdout, summary(10, 10, 'none'))
  const plain = await run('qpid-ref-receive', ['-b', again.address, '-a', 'qn', '--timeout', '0.5'])
  assert.equal(plain.stdout, summary(0, 0, 'none'))
})
