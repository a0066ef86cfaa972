// kill -9 in the middle of a stream of persistent messages: after a restart with the same data
// directory every message the broker had accepted is there (and nothing it never received).
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { startBroker } from '../../helpers/broker.js'
import { close, connect, method, qmfSession, receive } from '../../helpers/rhea-client.js'

test('every accepted persistent message survives kill -9', async (t) => {
  const b1 = await startBroker(undefined)
  const dataDir = b1.dataDir
  try {
    const conn = await connect(b1.port)
    const q = await qmfSession(conn)
    await method(q, 'create', { type: 'queue', name: 'crash', properties: { durable: true } })
    const sender = conn.open_sender('crash')
    const accepted = new Set<string>()
    let sent = 0
    await new Promise<void>((resolve) => {
      sender.on('accepted', (ctx) => {
        accepted.add(String((ctx.delivery as unknown as { tag: Buffer }).tag))
        if (accepted.size === 300) {
          // crash while later messages are still in flight
          void b1.kill().then(resolve)
        }
      })
      const pump = () => {
        while (sent < 2000 && sender.sendable()) {
          sent++
          sender.send({ durable: true, body: `m${sent}` }, Buffer.from(`m${sent}`))
        }
      }
      sender.on('sendable', pump)
      conn.on('disconnected', () => resolve())
    })
    conn.close()
    const b2 = await startBroker(t, { dataDir })
    const c2 = await connect(b2.port)
    const q2 = await qmfSession(c2)
    const [r] = await q2.request('_query_request', {
      _what: 'OBJECT',
      _object_id: { _object_name: 'org.apache.qpid.broker:queue:crash' },
    })
    const depth = Number((r.body as { _values: { msgDepth: number } }[])[0]._values.msgDepth)
    assert.ok(depth >= accepted.size, `recovered ${depth} of ${accepted.size} accepted messages`)
    const got = await receive(c2, 'crash', depth, { timeoutMs: 10000 })
    const bodies = got.messages.map((m) => String(m.message.body))
    for (const tag of accepted) assert.ok(bodies.includes(tag), `accepted ${tag} was recovered`)
    // order is preserved and there are no duplicates
    const nums = bodies.map((x) => Number(x.slice(1)))
    assert.deepEqual(
      nums,
      [...nums].sort((a, b) => a - b),
    )
    assert.equal(new Set(nums).size, nums.length)
    await close(c2)
  } finally {
    await b1.stop()
  }
})
