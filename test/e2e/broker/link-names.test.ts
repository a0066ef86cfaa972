// AMQP link names are unique per direction: a sender and a receiver of one session may share a
// name (Proton's BlockingConnection does so). rhea keyed links by name alone and closed the
// connection on the second attach (transport/rhea/link-names.ts).
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { startBroker } from '../../helpers/broker.js'
import { AMQP_HEADER, ATTACH, frame, frames, RawPeer, terminus } from '../../helpers/raw-amqp.js'
import { close, connect, method, qmfSession } from '../../helpers/rhea-client.js'

const CLOSE = 0x18

test('a sender and a receiver with the same name in one session are both attached', async (t) => {
  const broker = await startBroker(t)
  const conn = await connect(broker.port)
  await method(await qmfSession(conn), 'create', { type: 'queue', name: 'dup', properties: {} })
  await close(conn)

  const peer = new RawPeer(broker.port)
  t.after(() => peer.close())
  const attach = (handle: number, role: boolean) =>
    frame(
      frames.attach({
        name: 'dup',
        handle,
        role,
        source: terminus.source(role ? { address: 'dup' } : {}).described(),
        target: terminus.target(role ? {} : { address: 'dup' }).described(),
      }),
    )
  peer.write(
    AMQP_HEADER,
    frame(frames.open({ container_id: 'link-name-probe' })),
    frame(frames.begin({ next_outgoing_id: 0, incoming_window: 100, outgoing_window: 100 })),
    attach(0, false),
    attach(1, true),
  )
  const got = await peer.until(
    (f) => f.filter((x) => x.code === ATTACH).length === 2 || f.some((x) => x.code === CLOSE),
    'two attaches (or a close)',
  )
  const answers = got.filter((x) => x.code === ATTACH).map((x) => [x.performative.name, x.performative.role])
  assert.deepEqual(
    got.filter((x) => x.code === CLOSE).map((x) => x.performative.error?.description),
    [],
  )
  // the broker answers our sender as a receiver (role true) and our receiver as a sender
  assert.deepEqual(answers, [
    ['dup', true],
    ['dup', false],
  ])
})
