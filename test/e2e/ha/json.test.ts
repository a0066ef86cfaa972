// qpid-ha --json (issue 9 item 1, docs/json.md): every command prints one JSON document, failures
// included ({"error": {type, message}}), with the exit code of the text output.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { activeCluster, haStatus } from '../../helpers/ha-cluster.js'
import { runJson } from '../../helpers/json-run.js'
import { closedPort } from '../../helpers/ports.js'

test('qpid-ha --json: status, --all, query, ping, promote, replicate, set and their failures', async (t) => {
  const c = await activeCluster(t)
  const [a, b, d] = c.brokers.map((x) => x.address)
  const ha = (...args: string[]) => runJson('qpid-ha', args)

  assert.deepEqual(await ha('status', '-b', a), { code: 0, doc: { broker: a, status: 'active' }, stderr: '' })
  // --is-primary / --expect print nothing as text; the document carries the status, the code the answer
  assert.deepEqual(await ha('status', '-b', b, '--is-primary'), {
    code: 1,
    doc: { broker: b, status: 'ready' },
    stderr: '',
  })
  assert.equal((await ha('status', '-b', b, '--expect', 'ready')).code, 0)

  const all = await ha('status', '--all', '-b', b)
  assert.deepEqual(all, {
    code: 0,
    doc: {
      broker: b,
      brokers: [
        { address: a, status: 'active' },
        { address: b, status: 'ready' },
        { address: d, status: 'ready' },
      ],
    },
    stderr: '',
  })

  const query = await ha('query', '-b', a)
  assert.equal(query.code, 0)
  const habroker = query.doc.habroker as Record<string, unknown>
  assert.equal(habroker.status, 'active')
  assert.equal(habroker.brokersUrl, `amqp:tcp:${c.url.split(',').join(',tcp:')}`)
  assert.match(String(habroker.systemId), /^[0-9a-f]{8}-[0-9a-f]{4}-/)
  const queryAll = await ha('query', '--all', '-b', a)
  assert.deepEqual(
    (queryAll.doc.brokers as Array<Record<string, unknown>>).map((r) => [r.address, r.status]),
    [
      [a, 'active'],
      [b, 'ready'],
      [d, 'ready'],
    ],
  )

  assert.deepEqual(await ha('ping', '-b', b), { code: 0, doc: { broker: b, ok: true }, stderr: '' })
  assert.deepEqual(await ha('set', '-b', a, '--public-url', a), { code: 0, doc: { broker: a, ok: true }, stderr: '' })

  // the split-brain refusal, its dry run, and the commands' own argument errors
  const refused = await ha('promote', '-b', b, '--cluster-manager')
  assert.equal(refused.code, 1)
  assert.deepEqual(refused.doc, {
    broker: b,
    error: {
      type: 'Exception',
      message: `Refusing to promote ${b}: ${a} is already active (two primaries lose data; --force promotes anyway)`,
    },
  })
  assert.deepEqual(await ha('promote', '-b', b, '--cluster-manager', '--dry-run'), {
    code: 1,
    doc: {
      broker: b,
      dryRun: {
        ok: false,
        preview: `would fail: ${b} is not promoted while ${a} is active (two primaries lose data; --force promotes anyway)`,
      },
    },
    stderr: '',
  })
  assert.equal(await haStatus(b), 'ready')
  assert.deepEqual(await ha('promote', '-b', b), {
    code: 1,
    doc: { error: { type: 'Exception', message: "'promote' should only be called by the cluster manager." } },
    stderr: '',
  })
  assert.deepEqual(await ha('replicate', '-b', b, 'q1'), {
    code: 1,
    doc: { error: { type: 'Exception', message: 'Wrong number of arguments' } },
    stderr: '',
  })
  assert.deepEqual(await ha('replicate', '-b', b, a, ''), {
    code: 1,
    doc: { error: { type: 'ValueError', message: "Invalid queue name '': a name must not be empty" } },
    stderr: '',
  })
  assert.deepEqual(await ha('set', '-b', a), {
    code: 1,
    doc: { error: { type: 'Exception', message: 'Nothing to set: give --brokers-url and/or --public-url' } },
    stderr: '',
  })
  assert.deepEqual((await ha('bogus')).doc, { error: { type: 'Exception', message: 'No valid command' } })
  // an optparse error keeps its usage text on stderr and exit 2
  const usage = await ha('status', '--bogus')
  assert.equal(usage.code, 2)
  assert.deepEqual(usage.doc, { error: { type: 'UsageError', message: 'no such option: --bogus' } })
  assert.match(usage.stderr, /^Usage: status \[options\]/)

  // nothing listening, and the --all row of a member that is gone
  const nobody = `127.0.0.1:${await closedPort()}`
  assert.deepEqual(await ha('ping', '-b', nobody), {
    code: 1,
    doc: { broker: nobody, error: { type: 'ConnectError', message: '[Errno 111] Connection refused' } },
    stderr: '',
  })
  await c.brokers[2].kill()
  const rows = (await ha('status', '--all', '-b', a)).doc.brokers as Array<Record<string, unknown>>
  assert.deepEqual(rows[2], { address: d, error: { type: 'ConnectError', message: '[Errno 111] Connection refused' } })
})
