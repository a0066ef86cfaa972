import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Backoff } from '../../src/client/backoff.js'
import { formatRanges, MAX_SN, rangeCount, SequenceTracker, toRanges } from '../../src/client/sequence-tracker.js'
import { SettledIds } from '../../src/client/settled-ids.js'
import { parseAddressList } from '../../src/protocol/url.js'

const brief = (list: string | string[]) =>
  parseAddressList(list).map((u) => `${u.scheme} ${u.user ?? '-'}/${u.password ?? '-'} ${u.host}:${u.port}`)

test('parseAddressList accepts plain qpid URLs, comma lists and repeated arguments', () => {
  assert.deepEqual(brief('127.0.0.1:5672'), ['amqp -/- 127.0.0.1:5672'])
  assert.deepEqual(brief('127.0.0.1'), ['amqp -/- 127.0.0.1:5672'])
  assert.deepEqual(brief(['127.0.0.1:1, bob/pw@127.0.0.1:2', 'amqps://127.0.0.1']), [
    'amqp -/- 127.0.0.1:1',
    'amqp bob/pw 127.0.0.1:2',
    'amqps -/- 127.0.0.1:5671',
  ])
})

test('parseAddressList accepts the amqp:tcp: list form with shared credentials', () => {
  assert.deepEqual(brief('amqp:tcp:127.0.0.1:5672,tcp:127.0.0.1:5673'), [
    'amqp -/- 127.0.0.1:5672',
    'amqp -/- 127.0.0.1:5673',
  ])
  assert.deepEqual(brief('amqp:u/p@tcp:127.0.0.1:1,ssl:127.0.0.1:2,x/y@127.0.0.1:3'), [
    'amqp u/p 127.0.0.1:1',
    'amqps u/p 127.0.0.1:2',
    'amqp x/y 127.0.0.1:3',
  ])
  assert.deepEqual(brief('amqp:127.0.0.1:9'), ['amqp -/- 127.0.0.1:9'])
  // `amqp` followed by a bare port is a host called amqp, not the list opening.
  assert.deepEqual(brief('amqp:5673'), ['amqp -/- amqp:5673'])
})

test('parseAddressList rejects bad entries with the entry in the message', () => {
  assert.throws(() => parseAddressList('127.0.0.1:1,,127.0.0.1:2'), /127\.0\.0\.1:1,,127\.0\.0\.1:2/)
  assert.throws(() => parseAddressList('127.0.0.1:99999'), /99999/)
  assert.throws(() => parseAddressList('rdma:127.0.0.1:1'), /rdma is not supported/)
  assert.throws(() => parseAddressList([]), /no broker address/)
})

test('Backoff doubles from the minimum up to the maximum', () => {
  const b = new Backoff(100, 1000)
  assert.deepEqual([b.next(), b.next(), b.next(), b.next(), b.next(), b.next()], [100, 200, 400, 800, 1000, 1000])
  const flat = new Backoff(300, 300)
  assert.deepEqual([flat.next(), flat.next()], [300, 300])
})

test('SequenceTracker counts duplicates and reports missing numbers as ranges', () => {
  const t = new SequenceTracker()
  for (const sn of [1, 2, 2, 5, 6, 9, 9, 9, 'x', 0, -1, 1.5, undefined]) t.record(sn)
  assert.equal(t.received, 13)
  assert.equal(t.distinct, 5)
  assert.equal(t.duplicates, 3)
  assert.equal(t.invalid, 5)
  assert.equal(t.highest, 9)
  assert.deepEqual([...t.duplicated].sort(), [2, 9])
  assert.deepEqual(t.missing(), [
    [3, 4],
    [7, 8],
  ])
  assert.deepEqual(t.missing(12), [
    [3, 4],
    [7, 8],
    [10, 12],
  ])
  assert.equal(formatRanges(t.missing(12)), '3-4,7-8,10-12')
  assert.equal(rangeCount(t.missing(12)), 7)
})

test('SequenceTracker grows past its first block and refuses absurd numbers', () => {
  const t = new SequenceTracker()
  for (let sn = 1; sn <= 100_000; sn++) if (sn !== 54_321) t.record(sn)
  assert.equal(t.distinct, 99_999)
  assert.equal(formatRanges(t.missing()), '54321')
  assert.equal(t.record(MAX_SN + 1), false)
  assert.equal(t.invalid, 1)
  assert.deepEqual(new SequenceTracker().missing(3), [[1, 3]])
})

test('toRanges and formatRanges', () => {
  assert.equal(formatRanges(toRanges([7, 3, 4, 5, 10])), '3-5,7,10')
  assert.equal(formatRanges(toRanges([])), '')
})

test('SettledIds forgets the oldest id beyond its limit', () => {
  const s = new SettledIds(2)
  s.add('a')
  s.add('b')
  s.add('a')
  s.add('c')
  assert.equal(s.has('a'), false)
  assert.equal(s.has('b'), true)
  assert.equal(s.has('c'), true)
  assert.equal(s.size, 2)
})
