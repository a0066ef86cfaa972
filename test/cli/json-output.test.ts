// The exit-time judgement of --json output (cli/json-output.ts) on what a command wrote.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { finalDocument, jsonRequested } from '../../src/cli/json-output.js'

test('--json is asked for by the option or a prefix of it, not after --', () => {
  assert.equal(jsonRequested(['-b', 'x', '--json']), true)
  assert.equal(jsonRequested(['--js', 'queues']), true)
  assert.equal(jsonRequested(['--', '--json']), false)
  assert.equal(jsonRequested(['--jsonx']), false)
})

test('a document passes; text becomes an ok or error document; DEL and C1 controls are escaped', () => {
  assert.equal(finalDocument('{\n  "q": "a\u007fb\u0085"\n}\n', 0), '{\n  "q": "a\\u007fb\\u0085"\n}\n')
  assert.deepEqual(JSON.parse(finalDocument('', 0)), { ok: true })
  assert.deepEqual(JSON.parse(finalDocument('line 1\nline 2\n', 0)), { ok: true, output: ['line 1', 'line 2'] })
  assert.deepEqual(JSON.parse(finalDocument('Usage: x\n', 255)), { error: { type: 'Exception', message: 'Usage: x' } })
  assert.deepEqual(JSON.parse(finalDocument('', 130)), { error: { type: 'Exception', message: 'exit status 130' } })
  // two documents are not one
  assert.equal(JSON.parse(finalDocument('{}\n{}\n', 1)).error.type, 'Exception')
})
