import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { PythonError } from '../../src/protocol/errors.js'
import { formattedTable, type Header, pyCompare, sortRows, table } from '../../src/render/table.js'

describe('table', () => {
  it('prints only the title when there are no rows', () => {
    assert.equal(table('Queues', ['queue', 'msg'], []), 'Queues\n')
  })
  it('sizes columns to the widest text plus two and leaves the last column unpadded', () => {
    const out = table('T', ['a', 'bb', 'c'], [['xxxx', '', 'z']])
    assert.equal(out, 'T\n  a     bb  c\n  =============\n  xxxx      z\n')
  })
  it('pads short rows with empty cells', () => {
    assert.equal(table('T', ['a', 'b'], [['1']]), 'T\n  a  b\n  ======\n  1  \n')
  })
  it('keeps the padding of an empty last cell in earlier columns', () => {
    const out = formattedTable(
      'Stats',
      [{ text: 'Statistic' }, { text: 'Messages', format: 'COMMAS' }, { text: 'Bytes', format: 'COMMAS' }],
      [['acquires', 1047, null]],
    )
    assert.equal(out, 'Stats\n  Statistic  Messages  Bytes\n  ============================\n  acquires   1,047     \n')
  })
  it('caps the separator line at 255 characters including the prefix', () => {
    const long = 'q'.repeat(300)
    const lines = table('T', ['queue', 'n'], [[long, '1']]).split('\n')
    assert.equal(lines[2].length, 255)
    assert.equal(lines[3], `  ${long}  1`)
  })
  it('counts width in code points', () => {
    const out = table('T', ['n', 'm'], [['é€😀', '1']])
    assert.equal(out.split('\n')[3], '  é€😀  1')
    assert.equal(out.split('\n')[2], '  ========')
  })
  it('honours prefix and spacing options', () => {
    assert.equal(table('T', ['a', 'b'], [['1', '2']], { prefix: '', spacing: 1 }), 'T\na b\n====\n1 2\n')
  })
  it('formats each cell by its column and shows ? for values a formatter rejects', () => {
    const heads: Header[] = [{ text: 'queue' }, { text: 'dur', format: 'Y' }, { text: 'msg', format: 'KMG' }]
    const out = formattedTable('Queues', heads, [
      ['q1', true, 3380],
      ['q2', false, 'oops'],
    ])
    assert.equal(out, 'Queues\n  queue  dur  msg\n  ===================\n  q1     Y    3.38k\n  q2          ?\n')
  })
})

describe('pyCompare', () => {
  it('orders None before numbers before strings', () => {
    assert.ok(pyCompare(null, 0) < 0)
    assert.ok(pyCompare(5, 'a') < 0)
    assert.ok(pyCompare(true, 2) < 0)
    assert.ok(pyCompare('b', 'a') > 0)
    assert.equal(pyCompare(3, 3), 0)
  })
})

describe('sortRows', () => {
  const heads: Header[] = [{ text: 'name' }, { text: 'msg', format: 'KMG' }]
  const rows = [
    ['a', 5],
    ['b', 20],
    ['c', 5],
    ['d', 1500],
  ]
  it('sorts by raw value descending; ties come out in reverse input order', () => {
    assert.deepEqual(
      sortRows(heads, rows, { column: 'msg', limit: 50, increasing: false }).map((r) => r[0]),
      ['d', 'b', 'c', 'a'],
    )
  })
  it('sorts ascending and stably with increasing', () => {
    assert.deepEqual(
      sortRows(heads, rows, { column: 'msg', limit: 50, increasing: true }).map((r) => r[0]),
      ['a', 'c', 'b', 'd'],
    )
  })
  it('keeps the first limit rows; a limit of 0 or less keeps all', () => {
    assert.deepEqual(
      sortRows(heads, rows, { column: 'msg', limit: 2, increasing: true }).map((r) => r[0]),
      ['a', 'c'],
    )
    assert.equal(sortRows(heads, rows, { column: 'msg', limit: 0, increasing: true }).length, 4)
    assert.equal(sortRows(heads, rows, { column: 'msg', limit: -1, increasing: true }).length, 4)
  })
  it('rejects an unknown column with the original message', () => {
    assert.throws(
      () => sortRows(heads, rows, { column: 'Msg', limit: 50, increasing: false }),
      (e: unknown) =>
        e instanceof PythonError &&
        e.pythonClass === 'Exception' &&
        e.message === "sortCol 'Msg', not found in headers",
    )
  })
})
