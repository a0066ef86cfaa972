// QueuedMessage keeps its bytes as a range of a shared buffer and packs state, durable and priority
// into one integer; each must read back exactly what was stored, independently of the others.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ACQUIRED, AVAILABLE, DELETED, QueuedMessage } from '../../../src/broker/nodes/message.js'

test('bytes are the same range of the shared buffer, without a copy', () => {
  const read = Buffer.from('frame-header|message-one|message-two')
  const m = new QueuedMessage(read.subarray(13, 24), false, 4)
  assert.equal(m.size, 11)
  assert.equal(m.bytes.toString(), 'message-one')
  read.write('MESSAGE', 13)
  assert.equal(m.bytes.toString(), 'MESSAGE-one')
})

test('state, durable and priority are independent', () => {
  for (const durable of [false, true]) {
    for (const priority of [0, 4, 9, 255]) {
      const m = new QueuedMessage(Buffer.from('x'), durable, priority, 'k')
      assert.equal(m.state, AVAILABLE)
      for (const s of [ACQUIRED, AVAILABLE, DELETED]) {
        m.state = s
        assert.equal(m.state, s)
        assert.equal(m.durable, durable)
        assert.equal(m.priority, priority)
      }
      assert.equal(m.lvqKey, 'k')
    }
  }
})
