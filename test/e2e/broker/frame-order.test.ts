// A consumer whose attach and first flow reach the broker in one read, on a queue that already
// holds messages, must see the broker's attach before any transfer on that link (AMQP 1.0 §2.6.1):
// a client (rhea, Proton) drops the connection on a transfer for a handle it does not know.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { startBroker } from '../../helpers/broker.js'
import { AMQP_HEADER, ATTACH, frame, frames, RawPeer, TRANSFER, terminus } from '../../helpers/raw-amqp.js'
import { close, connect, method, openSender, qmfSession, sendAndWait } from '../../helpers/rhea-client.js'

test('attach is written before the first transfer of a consumer that brings credit with it', async (t) => {
  const broker = await startBroker(t)
  const conn = await connect(broker.port)
  await method(await qmfSession(conn), 'create', { type: 'queue', name: 'ordered', properties: {} })
  const sender = await openSender(conn, 'ordered')
  for (let i = 0; i < 3; i++) assert.equal((await sendAndWait(sender, { body: `m${i}` })).outcome, 'accepted')
  await close(conn)

  const peer = new RawPeer(broker.port)
  t.after(() => peer.close())
  peer.write(
    AMQP_HEADER,
    frame(frames.open({ container_id: 'order-probe' })),
    frame(frames.begin({ next_outgoing_id: 0, incoming_window: 100, outgoing_window: 100 })),
    frame(
      frames.attach({
        name: 'c',
        handle: 0,
        role: true,
        source: terminus.source({ address: 'ordered' }).described(),
        target: terminus.target({}).described(),
      }),
    ),
    frame(
      frames.flow({
        incoming_window: 100,
        next_outgoing_id: 0,
        outgoing_window: 100,
        handle: 0,
        delivery_count: 0,
        link_credit: 10,
      }),
    ),
  )
  const got = await peer.until((f) => f.some((x) => x.code === TRANSFER), 'a transfer')
  const codes = got.map((x) => x.code)
  // open, begin, attach, then the transfers
  assert.deepEqual(codes.slice(0, 4), [0x10, 0x11, ATTACH, TRANSFER], `frames: ${codes}`)
})
