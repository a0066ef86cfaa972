// A message's expiry survives replication: a backup that copies a message late (here, one that
// joins 3 s after it was sent) keeps the time it had left, so once promoted it expires the message
// when the old primary would have, instead of counting the header TTL again from the copy.
import assert from 'node:assert/strict'
import { it } from 'node:test'
import { connect, createQueue, promote, receive, startCluster, waitStatus } from '../../helpers/ha-cluster.js'

const TTL_MS = 6000

it('a replica expires a message when the primary would have, also after a late copy and a failover', async (t) => {
  const cluster = await startCluster(t, 1)
  const primary = cluster.brokers[0]
  await promote(primary.address)
  await createQueue(primary.address, 'ttl-q', { 'qpid.replicate': 'all' })

  const conn = await connect(primary.address)
  const sender = conn.open_sender({ target: { address: 'ttl-q' } })
  const accepted = new Promise<void>((resolve) => {
    let n = 0
    sender.on('accepted', () => {
      if (++n === 3) resolve()
    })
  })
  await new Promise<void>((resolve) => sender.once('sendable', () => resolve()))
  const sentAt = Date.now()
  sender.send({ body: 'expires', ttl: TTL_MS })
  sender.send({ body: 'lives', ttl: 600000 })
  sender.send({ body: 'forever' })
  await accepted
  conn.close()

  // the backup copies the messages half-way through the first one's life
  await new Promise((resolve) => setTimeout(resolve, TTL_MS / 2))
  const backup = await cluster.start(1)
  await waitStatus(backup.address, 'ready')
  process.kill(primary.pid, 'SIGKILL')
  await promote(backup.address)
  await waitStatus(backup.address, 'active')

  // past the first message's expiry as the old primary counted it (the copy's own count from its
  // header TTL would keep it until about sentAt + 9 s)
  const wait = sentAt + TTL_MS + 500 - Date.now()
  assert.ok(wait > 0, `the backup took ${Date.now() - sentAt} ms to be ready; the test needs it under ${TTL_MS} ms`)
  await new Promise((resolve) => setTimeout(resolve, wait))
  const got = await receive(backup.address, 'ttl-q', 2)
  got.close()
  assert.deepEqual(got.bodies, ['lives', 'forever'])
})
