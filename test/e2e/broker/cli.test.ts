// qpidd-ref's command line as a process: --help, --version, bad options, ignored qpidd options,
// --config, and the QMF shutdown method.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { startBroker } from '../../helpers/broker.js'
import { connect, eventually, method, qmfSession } from '../../helpers/rhea-client.js'
import { run } from '../../helpers/run.js'

test('--help lists the implemented options; --version prints the version', async () => {
  const h = await run('qpidd-ref', ['--help'])
  assert.equal(h.code, 0)
  assert.match(h.stdout, /^Usage: qpidd-ref \[OPTIONS\]/)
  for (const o of ['--port', '--interface', '--data-dir', '--auth', '--log-enable', '--log-to-file', '--config'])
    assert.ok(h.stdout.includes(o), o)
  const v = await run('qpidd-ref', ['--version'])
  assert.equal(v.code, 0)
  assert.match(v.stdout, /version 1\.40\.0/)
})

test('bad options fail with one line and exit 1, an --interface that does not resolve too', async () => {
  const r = await run('qpidd-ref', ['--no-such-thing'])
  assert.deepEqual([r.code, r.stdout, r.stderr], [1, '', "Error: unrecognised option '--no-such-thing'\n"])
  const p = await run('qpidd-ref', ['--port', 'abc'])
  assert.equal(p.code, 1)
  assert.match(p.stderr, /^Error: the argument \('abc'\) for option '--port' is invalid\n$/)
  const i = await run('qpidd-ref', ['--port', '0', '--interface', 'no-such-host.invalid'])
  assert.deepEqual([i.code, i.stdout], [1, ''])
  assert.match(i.stderr, /^Error: cannot resolve --interface no-such-host\.invalid: E[A-Z_]+\n$/)
})

test('--interface may be repeated: the broker listens on each address, all on one port', async (t) => {
  const b = await startBroker(t, { host: '127.0.0.2', args: ['--interface', '127.0.0.3', '--log-enable', 'info+'] })
  for (const host of ['127.0.0.2', '127.0.0.3']) {
    const r = await run('qpid-config', ['-b', `${host}:${b.port}`, 'exchanges', 'amq.direct'])
    assert.equal(r.code, 0, `${host}: ${r.stdout}${r.stderr}`)
  }
  const refused = await run('qpid-config', ['-b', `127.0.0.1:${b.port}`, 'exchanges'])
  assert.deepEqual(refused, { code: 1, stdout: 'Failed: ConnectError: [Errno 111] Connection refused\n', stderr: '' })
  assert.match(b.stderr(), /Listening to: 127\.0\.0\.2:\d+\n[\s\S]*Listening to: 127\.0\.0\.3:\d+\n/)
})

test('IPv6: a broker on ::1 is managed through [::1]:port', async (t) => {
  const b = await startBroker(t, { host: '::1' })
  const r = await run('qpid-config', ['-b', `[::1]:${b.port}`, 'exchanges', 'amq.fanout'])
  assert.equal(r.code, 0, r.stdout + r.stderr)
  assert.match(r.stdout, /amq\.fanout/)
})

test('unimplemented qpidd options are accepted with a warning; --config is read', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'conf-'))
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  const conf = join(dir, 'qpidd.conf')
  writeFileSync(conf, '# test config\nlog-enable=info+\nworker-threads=4\n')
  const b = await startBroker(t, { args: ['--config', conf, '--tcp-nodelay', '--acl-file=/dev/null'] })
  assert.match(b.stderr(), /warning: Option --tcp-nodelay is not implemented by qpidd-ref and is ignored/)
  assert.match(b.stderr(), /warning: Option --worker-threads is not implemented/)
  // info+ from the config file: the info line comes right after the port line
  await eventually(() => /\[Network\] info Listening to: 127\.0\.0\.1:/.test(b.stderr()), 5000, 'the info log line')
})

test('the QMF shutdown method stops the broker with status 0', async () => {
  const b = await startBroker(undefined)
  try {
    const exited = new Promise<number | null>((r) => b.process.once('exit', (code) => r(code)))
    const conn = await connect(b.port)
    const q = await qmfSession(conn)
    const r = await method(q, 'shutdown', {})
    assert.equal(r.properties['qmf.opcode'], '_method_response')
    assert.equal(await exited, 0)
  } finally {
    await b.stop()
  }
})
