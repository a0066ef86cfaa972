import assert from 'node:assert/strict'
import { test } from 'node:test'
import { splitWords, topicMatch } from '../../../src/broker/nodes/topic-match.js'

const m = (pattern: string, key: string) => topicMatch(splitWords(pattern), splitWords(key))

test('exact words match', () => {
  assert.equal(m('a.b.c', 'a.b.c'), true)
  assert.equal(m('a.b.c', 'a.b'), false)
  assert.equal(m('a.b', 'a.b.c'), false)
  assert.equal(m('', ''), true)
  assert.equal(m('a', ''), false)
})

test('* matches exactly one word', () => {
  assert.equal(m('a.*.c', 'a.b.c'), true)
  assert.equal(m('a.*.c', 'a.c'), false)
  assert.equal(m('a.*.c', 'a.b.b.c'), false)
  assert.equal(m('*', 'x'), true)
  assert.equal(m('*', ''), false)
  assert.equal(m('*.*', 'x.y'), true)
})

test('# matches zero or more words', () => {
  assert.equal(m('#', ''), true)
  assert.equal(m('#', 'a.b.c'), true)
  assert.equal(m('a.#', 'a'), true)
  assert.equal(m('a.#', 'a.b.c'), true)
  assert.equal(m('a.#', 'b.a'), false)
  assert.equal(m('#.c', 'a.b.c'), true)
  assert.equal(m('#.c', 'c'), true)
  assert.equal(m('#.c', 'c.d'), false)
  assert.equal(m('a.#.z', 'a.z'), true)
  assert.equal(m('a.#.z', 'a.b.c.z'), true)
  assert.equal(m('a.#.z', 'a.b.c.y'), false)
  assert.equal(m('#.#', 'a'), true)
  assert.equal(m('a.#.*', 'a'), false)
  assert.equal(m('a.#.*', 'a.b'), true)
  assert.equal(
    m(
      'agent.ind.event.org_apache_qpid_broker.#',
      'agent.ind.event.org_apache_qpid_broker.queueDeclare.info.apache_org.qpidd',
    ),
    true,
  )
})
