// Outcomes the broker decides in one tick reach the sender as they were decided: an accepted
// delivery followed by a rejected one (queue full) must not be merged into one accepted range
// (rhea 3.0.5's disposition batching did that; transport/rhea/disposition-ranges.ts).
import assert from 'node:assert/strict'
import { test } from 'node:test'
import rhea from 'rhea'
import { startBroker } from '../../helpers/broker.js'
import {
  AMQP_HEADER,
  DISPOSITION,
  FLOW,
  frame,
  frames,
  RawPeer,
  type ReadFrame,
  terminus,
} from '../../helpers/raw-amqp.js'
import { close, connect, method, qmfSession } from '../../helpers/rhea-client.js'

const ACCEPTED = 0x24
const REJECTED = 0x25

/** Outcome code per delivery id, from the dispositions the broker sent. */
function outcomes(f: ReadFrame[]): Map<number, number> {
  const out = new Map<number, number>()
  for (const { code, performative: d } of f) {
    if (code !== DISPOSITION) continue
    for (let id = d.first; id <= (d.last ?? d.first); id++) out.set(id, d.state?.descriptor?.value)
  }
  return out
}

test('an accept and a reject decided in one tick reach the sender as accepted, rejected', async (t) => {
  const broker = await startBroker(t)
  const conn = await connect(broker.port)
  await method(await qmfSession(conn), 'create', { type: 'queue', name: 'one', properties: { 'qpid.max_count': 1 } })
  await close(conn)

  const peer = new RawPeer(broker.port)
  t.after(() => peer.close())
  peer.write(
    AMQP_HEADER,
    frame(frames.open({ container_id: 'disposition-probe' })),
    frame(frames.begin({ next_outgoing_id: 0, incoming_window: 100, outgoing_window: 100 })),
    frame(
      frames.attach({
        name: 's',
        handle: 0,
        role: false,
        source: terminus.source({}).described(),
        target: terminus.target({ address: 'one' }).described(),
      }),
    ),
  )
  await peer.until((f) => f.some((x) => x.code === FLOW && x.performative.link_credit >= 2), 'credit for 2 messages')
  const body = (rhea.message as any).encode({ body: 'x' }) as Buffer
  const transfer = (id: number) =>
    frame(
      frames.transfer({ handle: 0, delivery_id: id, delivery_tag: Buffer.from(String(id)), message_format: 0 }),
      body,
    )
  // both transfers in one read: the broker decides both outcomes in the same tick
  peer.write(transfer(0), transfer(1))
  const got = outcomes(await peer.until((f) => outcomes(f).size === 2, 'outcomes of both deliveries'))
  assert.deepEqual([got.get(0), got.get(1)], [ACCEPTED, REJECTED])
})
