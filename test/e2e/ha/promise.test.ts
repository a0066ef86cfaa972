// The promise: a message confirmed to its sender survives the primary's kill -9. A sender streams
// unsettled messages to a fully replicated queue; the backup to be promoted is frozen (SIGSTOP)
// so it lags, then the primary is killed; the promoted backup (and the other backup, once caught
// up) must hold every message that was confirmed. Without held confirmations this loses messages.
import assert from 'node:assert/strict'
import { it } from 'node:test'
import {
  activeCluster,
  browse,
  connect,
  createQueue,
  promote,
  queueDepth,
  waitFor,
  waitStatus,
} from '../../helpers/ha-cluster.js'

it('no confirmed message is lost when the primary is killed mid-stream', async (t) => {
  const c = await activeCluster(t, 3, ['--ha-replicate', 'all'])
  const [p, b1, b2] = c.brokers.map((b) => b.address)
  await createQueue(p, 'qp')
  await waitFor('qp on the backups', async () => (await queueDepth(b2, 'qp')) === 0)

  const conn = await connect(p)
  const sender = conn.open_sender({ target: { address: 'qp' } })
  const confirmed = new Set<string>()
  let sent = 0
  sender.on('accepted', (ctx) => confirmed.add(String((ctx.delivery as unknown as { body: string }).body)))
  conn.on('disconnected', () => {})
  conn.on('error', () => {})
  sender.on('sendable', () => {
    while (sender.sendable() && sent < 20000) {
      const body = `p${sent++}`
      const d = sender.send({ body }) as unknown as { body: string }
      d.body = body
    }
  })
  await waitFor('2000 confirmations', () => confirmed.size >= 2000)
  process.kill(c.brokers[1].pid, 'SIGSTOP')
  t.after(() => {
    try {
      process.kill(c.brokers[1].pid, 'SIGCONT')
    } catch {}
  })
  // well under the heartbeat interval (2 s), so the primary still counts on the frozen backup
  await new Promise((r) => setTimeout(r, 500))
  await c.brokers[0].kill()
  process.kill(c.brokers[1].pid, 'SIGCONT')
  const atKill = new Set(confirmed)
  assert.ok(sent > atKill.size, 'some messages were still unconfirmed at the kill')

  await promote(b1)
  await waitStatus(b1, 'active')
  const depth = (await queueDepth(b1, 'qp')) as number
  const onNewPrimary = new Set(await browse(b1, 'qp', depth))
  const lost = [...atKill].filter((b) => !onNewPrimary.has(b))
  assert.deepEqual(lost, [], `${lost.length} confirmed messages lost of ${atKill.size}`)
  await waitFor('the other backup caught up', async () => (await queueDepth(b2, 'qp')) === depth)
})
