import assert from 'node:assert/strict'
import { test } from 'node:test'
import { expandOptionalValue } from '../../src/cli/optional-value.js'

const LONGS = ['wait-replicated', 'wcache-page-size', 'wcache-num-pages', 'watch-me']

test('a bare option or an unambiguous prefix gets the default; =VALUE, other options and words after -- stay', () => {
  const expand = (...argv: string[]) => expandOptionalValue(argv, 'wait-replicated', 10, LONGS)
  assert.deepEqual(expand('add', 'queue', '--wait-replicated', 'q1'), ['add', 'queue', '--wait-replicated=10', 'q1'])
  assert.deepEqual(expand('--wait', 'q1'), ['--wait-replicated=10', 'q1'])
  assert.deepEqual(expand('--wait-replicated=2.5'), ['--wait-replicated=2.5'])
  // ambiguous among the options (optparse then reports it), or another option
  assert.deepEqual(expand('--w', '--wa', '--wcache-page-size', '8'), ['--w', '--wa', '--wcache-page-size', '8'])
  assert.deepEqual(expand('--', '--wait-replicated'), ['--', '--wait-replicated'])
  assert.deepEqual(expand('-w', '--'), ['-w', '--'])
})
