// Name checks and output escaping, character by character.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { firstNameError, nameProblem } from '../../src/cli/names.js'
import { escapeControls } from '../../src/cli/output-guard.js'

test('names: empty refused unless allowed; C0, DEL and C1 controls refused; the rest of Unicode is fine', () => {
  assert.equal(nameProblem(''), 'a name must not be empty')
  assert.equal(nameProblem('', true), undefined)
  for (const c of ['\x00', '\t', '\n', '\x1b', '\x7f', '\u0085', '\u009b'])
    assert.equal(nameProblem(`a${c}b`), 'a name must not contain control characters', JSON.stringify(c))
  for (const ok of ['q1', 'a.b-c_d', 'ünïcode', 'space here', '\u00a0nbsp']) assert.equal(nameProblem(ok), undefined)
  assert.equal(
    firstNameError([
      ['exchange name', 'x'],
      ['queue name', undefined],
      ['binding key', 'k\x1b'],
    ]),
    "Invalid binding key 'k\\x1b': a name must not contain control characters",
  )
})

test('output: every control character but newline and tab is written as \\xNN', () => {
  assert.equal(escapeControls('a\x1b[31mb\r\n\tc\x07\u009b'), 'a\\x1b[31mb\\x0d\n\tc\\x07\\x9b')
  assert.equal(escapeControls('plain text, ünïcode'), 'plain text, ünïcode')
})
