import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { OptionError, parseArgs, parseDuration } from '../../src/broker/options.js'

test('--opt value and --opt=value forms, short options', () => {
  const { values } = parseArgs(['--port', '0', '--data-dir=/tmp/x', '-p', '5673'])
  assert.equal(values.port, 5673)
  assert.equal(values['data-dir'], '/tmp/x')
})

test('boolean forms yes|no|true|false|1|0 and bare', () => {
  assert.equal(parseArgs(['--auth=yes']).values.auth, true)
  assert.equal(parseArgs(['--auth', 'no']).values.auth, false)
  assert.equal(parseArgs(['--auth=true']).values.auth, true)
  assert.equal(parseArgs(['--auth=0']).values.auth, false)
  assert.equal(parseArgs(['--auth']).values.auth, true)
  assert.throws(() => parseArgs(['--auth=maybe']), OptionError)
})

test('unimplemented qpidd options are accepted with a warning', () => {
  const r = parseArgs(['--ha-cluster=yes', '--acl-file', 'x.acl', '--tcp-nodelay', '--port', '0'])
  assert.equal(r.values.port, 0)
  assert.deepEqual(r.warnings.length, 3)
  assert.match(r.warnings[0], /--ha-cluster/)
})

test('unknown options are errors', () => {
  assert.throws(() => parseArgs(['--no-such-option']), /unrecognised option '--no-such-option'/)
})

test('--log-enable repeats', () => {
  assert.deepEqual(parseArgs(['--log-enable', 'info+', '--log-enable=debug+:HA']).values['log-enable'], [
    'info+',
    'debug+:HA',
  ])
})

test('qpidd.conf key=value lines with comments; command line wins', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'conf-'))
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  const f = join(dir, 'qpidd.conf')
  writeFileSync(f, '# comment\nport=6000\nauth=no  # trailing\n\nlog-enable=info+\nha-cluster=yes\n')
  const r = parseArgs(['--config', f, '--port', '7000'])
  assert.equal(r.values.port, 7000)
  assert.equal(r.values.auth, false)
  assert.deepEqual(r.values['log-enable'], ['info+'])
  assert.equal(r.warnings.length, 1)
})

test('durations as qpidd parses them', () => {
  assert.equal(parseDuration('x', '10'), 10000)
  assert.equal(parseDuration('x', '0.5'), 500)
  assert.equal(parseDuration('x', '10ms'), 10)
  assert.throws(() => parseDuration('x', '1m'), OptionError)
  assert.throws(() => parseDuration('x', '10 ms'), OptionError)
})
