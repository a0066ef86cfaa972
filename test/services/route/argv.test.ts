// qpid-route's word routing and broker selection (tools.md §4.3), without any broker.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { routeWords } from '../../../src/cli/qpid-route/definition.js'
import { brokerUrlText, parseBrokerUrl } from '../../../src/protocol/url.js'
import { brokerWords } from '../../../src/services/route/with-broker.js'

describe('qpid-route words', () => {
  it('known group and command words pick the command and keep every word', () => {
    assert.deepEqual(routeWords(['link', 'add', 'd', 's']), { id: 'link:add', args: ['link', 'add', 'd', 's'] })
    assert.deepEqual(routeWords(['route', 'map']), { id: 'route:map', args: ['route', 'map'] })
    assert.deepEqual(routeWords(['queue', 'del', 'd', 's', 'e', 'q']), {
      id: 'queue:del',
      args: ['queue', 'del', 'd', 's', 'e', 'q'],
    })
  })

  it('unknown words go to usage (connects first), except unknown link/dynamic commands (no-op)', () => {
    assert.equal(routeWords(['route', 'bogus']).id, 'usage')
    assert.equal(routeWords(['bogus', 'list']).id, 'usage')
    assert.equal(routeWords(['link', 'bogus']).id, 'none')
    assert.equal(routeWords(['dynamic', 'list']).id, 'none')
  })

  it('queue commands are judged by word count before the command word', () => {
    assert.equal(routeWords(['queue', 'add', 'd', 's', 'e']).id, 'usage')
    assert.equal(routeWords(['queue', 'bogus', 'd', 's', 'e', 'q']).id, 'usage')
    assert.equal(routeWords(['queue', 'add', 'd', 's', 'e', 'q', 'PLAIN', 'x']).id, 'usage')
  })
})

describe('qpid-route brokers', () => {
  it('two words manage localhost; -s swaps local and remote', () => {
    assert.deepEqual(brokerWords(['route', 'list'], false), { local: 'localhost' })
    assert.deepEqual(brokerWords(['route', 'list', 'h1'], false), { local: 'h1', remote: undefined })
    assert.deepEqual(brokerWords(['link', 'add', 'h1', 'h2'], false), { local: 'h1', remote: 'h2' })
    assert.deepEqual(brokerWords(['link', 'add', 'h1', 'h2'], true), { local: 'h2', remote: 'h1' })
  })

  it('broker URLs print as qpid.util URL did: scheme only when given, credentials, default port', () => {
    assert.equal(brokerUrlText(parseBrokerUrl('localhost')), 'localhost:5672')
    assert.equal(brokerUrlText(parseBrokerUrl('u/p@h:1')), 'u/p@h:1')
    assert.equal(brokerUrlText(parseBrokerUrl('u@h')), 'u@h:5672')
    assert.equal(brokerUrlText(parseBrokerUrl('amqps://h')), 'amqps://h:5671')
    assert.equal(brokerUrlText(parseBrokerUrl('[::1]:7')), '[::1]:7')
  })
})
