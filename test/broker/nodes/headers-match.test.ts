import assert from 'node:assert/strict'
import { test } from 'node:test'
import { headersMatch } from '../../../src/broker/nodes/headers-match.js'

test('x-match all needs every key to match', () => {
  const args = { 'x-match': 'all', a: '1', b: 2 }
  assert.equal(headersMatch(args, { a: '1', b: 2, c: 3 }), true)
  assert.equal(headersMatch(args, { a: '1' }), false)
  assert.equal(headersMatch(args, { a: '1', b: 3 }), false)
  assert.equal(headersMatch(args, undefined), false)
})

test('x-match any needs one key to match', () => {
  const args = { 'x-match': 'any', a: '1', b: 2 }
  assert.equal(headersMatch(args, { b: 2 }), true)
  assert.equal(headersMatch(args, { a: 'x', b: 3 }), false)
  assert.equal(headersMatch(args, {}), false)
})

test('empty binding value matches on presence; default mode is all', () => {
  assert.equal(headersMatch({ a: '' }, { a: 'anything' }), true)
  assert.equal(headersMatch({ a: '' }, { b: 'x' }), false)
  assert.equal(headersMatch({ a: '1', b: '2' }, { a: '1' }), false)
})

test('numbers and strings with the same text compare equal', () => {
  assert.equal(headersMatch({ 'x-match': 'all', n: '5' }, { n: 5 }), true)
})
