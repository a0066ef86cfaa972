import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Logger } from '../../src/broker/log.js'

test('qpidd log selectors: level+, level-, exact, category and namespace patterns', () => {
  const l = new Logger(['notice+', 'debug+:ha::'], { stderr: false })
  assert.equal(l.enabled('notice', 'Broker'), true)
  assert.equal(l.enabled('info', 'Broker'), false)
  assert.equal(l.enabled('debug', 'HA'), true)
  assert.equal(l.enabled('trace', 'HA'), false)
  l.setSelector('info+:Network')
  assert.equal(l.getSelector(), 'info+:Network')
  assert.equal(l.enabled('info', 'Network'), true)
  assert.equal(l.enabled('critical', 'Broker'), false)
  l.setSelector('warning-')
  assert.equal(l.enabled('debug', 'Store'), true)
  assert.equal(l.enabled('error', 'Store'), false)
  l.setSelector('error')
  assert.equal(l.enabled('error', 'Store'), true)
  assert.equal(l.enabled('critical', 'Store'), false)
  assert.throws(() => l.setSelector('loud+'), /Invalid log selector/)
})
