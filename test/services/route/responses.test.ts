// qpid-route (the real executable) against a canned QMF agent: the answers qpidd-ref never gives
// but qpidd can (failing closes, failed or slowly connecting links), with exact output.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { bridgeObject, brokerObject, linkObject, startRouteResponder } from '../../helpers/route-responder.js'
import { run } from '../../helpers/run.js'

const route = (...args: string[]) => run('qpid-route', args)
const REMOTE = '127.0.0.1:1'

describe('qpid-route against a canned agent', () => {
  it('a failing bridge close is an error on del, a printed line on flush', async (t) => {
    const link = linkObject('qpid.tcp:127.0.0.1:1', '127.0.0.1', 1)
    const bridge = bridgeObject(link, 'b', { dest: 'amq.direct', src: 'amq.direct', key: 'k' })
    const r = await startRouteResponder([brokerObject, link, bridge])
    t.after(() => r.close())
    r.onMethod = () => ({ error: [7, 'boom'] })
    assert.deepEqual(await route('route', 'del', r.address, REMOTE, 'amq.direct', 'k'), {
      code: 1,
      stdout: 'Failed: Exception - Error closing bridge: 7 - boom\n',
      stderr: '',
    })
    assert.deepEqual(await route('route', 'flush', r.address), { code: 0, stdout: 'Error: 7 - boom\n', stderr: '' })
    assert.deepEqual(await route('-v', '-e', 'route', 'flush', r.address), {
      code: 0,
      stdout:
        'Deleting Bridge: 127.0.0.1:1 amq.direct k...  Error: 7 - boom\nDeleting Link: 127.0.0.1:1...  Error: 7 - boom\n',
      stderr: '',
    })
  })

  it('-e: a failing link close after the last bridge is an error', async (t) => {
    const link = linkObject('qpid.tcp:127.0.0.1:1', '127.0.0.1', 1)
    const bridge = bridgeObject(link, 'b', { dest: 'amq.fanout', src: 'q1', srcIsQueue: true })
    const r = await startRouteResponder([brokerObject, link, bridge])
    t.after(() => r.close())
    r.onMethod = (name) => (name === link.objectName ? { error: [7, 'busy'] } : { ok: {} })
    assert.deepEqual(await route('-e', 'queue', 'del', r.address, REMOTE, 'amq.fanout', 'q1'), {
      code: 1,
      stdout: 'Failed: Exception - Error closing link: 7 - busy\n',
      stderr: '',
    })
    assert.deepEqual(
      r.calls.map((c) => c.method),
      ['close', 'close'],
    )
  })

  it('a Failed link: its lastError ends the command; a connecting one is waited for', async (t) => {
    const link = linkObject('qpid.tcp:127.0.0.1:1', '127.0.0.1', 1, { state: 'Failed', lastError: 'auth failed' })
    const r = await startRouteResponder([brokerObject, link])
    t.after(() => r.close())
    assert.deepEqual(await route('link', 'add', r.address, REMOTE), {
      code: 1,
      stdout: 'Failed: Exception - Link failed to create auth failed\n',
      stderr: '',
    })
    assert.deepEqual(r.calls, [], 'an existing link is not connected again')

    link.values.state = 'Connecting'
    let queries = 0
    r.onQuery = (cls) => {
      if (cls === 'link' && ++queries === 3) link.values.state = 'Operational'
    }
    assert.deepEqual(await route('-v', 'link', 'add', r.address, REMOTE), {
      code: 0,
      stdout: 'Link state is Operational\n',
      stderr: '',
    })
  })

  it('connect refused by the broker: no link appears, -q gives up at once', async (t) => {
    const r = await startRouteResponder([brokerObject])
    t.after(() => r.close())
    r.onMethod = () => ({ error: [3, 'NotImplemented'] })
    assert.deepEqual(await route('-q', 'route', 'add', r.address, REMOTE, 'amq.direct', 'k'), {
      code: 1,
      stdout: 'Failed: Exception - Link failed to create\n',
      stderr: '',
    })
    assert.deepEqual(
      r.calls.map((c) => c.method),
      ['connect'],
    )
  })
})
