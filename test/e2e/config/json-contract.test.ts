// qpid-config --json on every command (issue 9 item 1, docs/json.md): a change answers
// {"broker", "ok": true}, a dry run {"dryRun"}, and every failure, before or after connecting,
// {"error": {type, message}} with the text output's exit code.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { startBroker } from '../../helpers/broker.js'
import { runJson } from '../../helpers/json-run.js'
import { closedPort } from '../../helpers/ports.js'

test('qpid-config --json: changes, log, dry run, usage and failures', async (t) => {
  const broker = await startBroker(t)
  const b = broker.address
  const cfg = (...args: string[]) => runJson('qpid-config', ['-b', b, ...args])

  assert.deepEqual(await cfg('add', 'queue', 'j1'), { code: 0, doc: { broker: b, ok: true }, stderr: '' })
  assert.deepEqual(await cfg('bind', 'amq.direct', 'j1', 'k'), { code: 0, doc: { broker: b, ok: true }, stderr: '' })
  assert.deepEqual(await cfg('add', 'queue', 'j1'), {
    code: 1,
    doc: {
      broker: b,
      error: {
        type: 'Exception',
        message: "Exception from Agent: {'error_code': 7, 'error_text': 'object already exists: j1'}",
      },
    },
    stderr: '',
  })
  assert.deepEqual(await cfg('del', 'queue', 'j1', '--dry-run'), {
    code: 0,
    doc: { broker: b, dryRun: { ok: true, preview: 'would delete queue j1 holding 0 messages, 0 consumers' } },
    stderr: '',
  })
  const log = await cfg('log')
  assert.equal(log.code, 0)
  assert.equal(typeof log.doc.logLevel, 'string')
  // the original prints this note and exits 0: it stays an ok document with the note as output
  assert.deepEqual(await cfg('reload-acl'), {
    code: 0,
    doc: { broker: b, ok: true, output: ['Failed: ACL Module Not Loaded in Broker'] },
    stderr: '',
  })
  // malformed words: the synopsis becomes the error message, exit 1 as the text
  const usage = await cfg('bind')
  assert.equal(usage.code, 1)
  assert.equal((usage.doc.error as { type: string }).type, 'Exception')
  assert.match((usage.doc.error as { message: string }).message, /^Usage: {2}qpid-config \[OPTIONS\]\n/)

  // refused before connecting
  assert.deepEqual(await cfg('add', 'queue', ''), {
    code: 1,
    doc: { error: { type: 'ValueError', message: "Invalid queue name '': a name must not be empty" } },
    stderr: '',
  })
  const level = await cfg('add', 'queue', 'x', '--replicate', 'bad')
  assert.equal(level.code, 1)
  assert.deepEqual(level.doc, {
    error: {
      type: 'Exception',
      message: "Invalid replication level 'bad', should be one of: none, configuration, all",
    },
  })
  const option = await cfg('--bogus')
  assert.equal(option.code, 2)
  assert.deepEqual(option.doc, { error: { type: 'UsageError', message: 'no such option: --bogus' } })
  assert.match(option.stderr, /qpid-config: error: no such option: --bogus\n$/)

  const nobody = `127.0.0.1:${await closedPort()}`
  assert.deepEqual(await runJson('qpid-config', ['-b', nobody, 'queues']), {
    code: 1,
    doc: { broker: nobody, error: { type: 'ConnectError', message: '[Errno 111] Connection refused' } },
    stderr: '',
  })
})

test('qpid-stat and qpid-route --json: failures are documents too', async (t) => {
  const broker = await startBroker(t)
  const b = broker.address
  const nobody = `127.0.0.1:${await closedPort()}`
  assert.deepEqual(await runJson('qpid-stat', ['-b', nobody, '-q']), {
    code: 1,
    doc: { broker: nobody, error: { type: 'ConnectError', message: '[Errno 111] Connection refused' } },
    stderr: '',
  })
  const noView = await runJson('qpid-stat', ['-b', b])
  assert.equal(noView.code, 2)
  assert.equal((noView.doc.error as { type: string }).type, 'UsageError')

  assert.deepEqual(await runJson('qpid-route', ['link', 'list', nobody]), {
    code: 1,
    doc: { broker: nobody, error: { type: 'ConnectError', message: '[Errno 111] Connection refused' } },
    stderr: '',
  })
  assert.deepEqual(await runJson('qpid-route', ['route', 'flush', b]), {
    code: 0,
    doc: { broker: b, ok: true },
    stderr: '',
  })
  // route map has no structure of its own: its lines, in an ok document
  const map = await runJson('qpid-route', ['route', 'map', b])
  assert.equal(map.code, 0)
  assert.deepEqual((map.doc.output as string[]).slice(0, 3), ['', 'Finding Linked Brokers:', `    ${b}... Ok`])
  assert.deepEqual(await runJson('qpid-route', ['queue', 'add', b, b, 'amq.direct', '']), {
    code: 1,
    doc: { error: { type: 'ValueError', message: "Invalid queue name '': a name must not be empty" } },
    stderr: '',
  })
  const usage = await runJson('qpid-route', ['route', 'add', b])
  assert.equal(usage.code, 255)
  assert.match((usage.doc.error as { message: string }).message, /^Usage: {2}qpid-route/)
})
