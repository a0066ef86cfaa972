// HA with persistence: each member keeps its own journal. When the whole cluster dies (kill -9 of
// every member, mid-stream) and restarts, the member promoted first recovers the durable queue and
// its persistent messages from its own store; the others take the primary's state through
// replication, so every copy equals the primary's and every confirmed message is there once.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  browse,
  createQueue,
  promote,
  queueDepth,
  receive,
  send,
  startCluster,
  waitFor,
  waitStatus,
} from '../../helpers/ha-cluster.js'

test('whole-cluster kill -9 and restart: the first primary recovers from its store, backups follow it', async (t) => {
  const cluster = await startCluster(t)
  await promote(cluster.brokers[0].address)
  for (const b of cluster.brokers.slice(1)) await waitStatus(b.address, 'ready')
  await createQueue(cluster.brokers[0].address, 'ledger', { durable: true, 'qpid.replicate': 'all' })

  // a first batch fully confirmed, then a second one still streaming when every member is killed
  const first = await send(cluster.brokers[0].address, 'ledger', 200, { durable: true, prefix: 'a' })
  await first.confirmed
  first.close()
  const second = await send(cluster.brokers[0].address, 'ledger', 2000, { durable: true, prefix: 'b' })
  second.confirmed.catch(() => {})
  await waitFor('part of the second batch confirmed', () => second.accepted() >= 50)
  await Promise.all(cluster.brokers.map((b) => b.kill()))
  const confirmed = 200 + second.accepted()

  // restart all; promote the member that was a backup: its own journal must be complete
  for (let i = 0; i < 3; i++) await cluster.start(i)
  const [primary, b1, b2] = [1, 0, 2].map((i) => cluster.brokers[i].address)
  await promote(primary)
  await waitStatus(primary, 'active')
  await waitStatus(b1, 'ready', 15000)
  await waitStatus(b2, 'ready', 15000)

  const depth = (await queueDepth(primary, 'ledger')) ?? 0
  assert.ok(depth >= confirmed, `primary holds ${depth} messages, ${confirmed} were confirmed`)
  const primaryCopy = await browse(primary, 'ledger', depth)
  for (const backup of [b1, b2]) {
    await waitFor(
      `${backup} has the primary's ${depth} messages`,
      async () => (await queueDepth(backup, 'ledger')) === depth,
    )
    assert.deepEqual(await browse(backup, 'ledger', depth), primaryCopy)
  }
  // every confirmed message comes out once, in order, through the new primary
  const got = await receive(primary, 'ledger', depth)
  got.close()
  const expected = [
    ...Array.from({ length: 200 }, (_, i) => `a${i}`),
    ...Array.from({ length: depth - 200 }, (_, i) => `b${i}`),
  ]
  assert.deepEqual(got.bodies, expected)
})

test("a backup's stale store is discarded: after a whole-cluster restart it takes the primary's state", async (t) => {
  const cluster = await startCluster(t)
  const [a, , c] = cluster.brokers.map((b) => b.address)
  await promote(a)
  for (const b of cluster.brokers.slice(1)) await waitStatus(b.address, 'ready')
  await createQueue(a, 'ledger', { durable: true, 'qpid.replicate': 'all' })
  const sent = await send(a, 'ledger', 10, { durable: true })
  await sent.confirmed
  sent.close()
  await waitFor(`${c} holds all 10`, async () => (await queueDepth(c, 'ledger')) === 10)

  // the third member goes down holding 10; meanwhile 4 are consumed and 2 more arrive
  await cluster.brokers[2].kill()
  const got = await receive(a, 'ledger', 4)
  got.close()
  const more = await send(a, 'ledger', 2, { durable: true, prefix: 'late' })
  await more.confirmed
  more.close()
  await Promise.all(cluster.brokers.slice(0, 2).map((b) => b.kill()))

  for (let i = 0; i < 3; i++) await cluster.start(i)
  const [primary, b1, stale] = cluster.brokers.map((b) => b.address)
  await promote(primary)
  await waitStatus(b1, 'ready', 15000)
  await waitStatus(stale, 'ready', 15000)
  const expected = ['m4', 'm5', 'm6', 'm7', 'm8', 'm9', 'late0', 'late1']
  assert.deepEqual(await browse(primary, 'ledger', 8), expected)
  for (const backup of [b1, stale]) {
    await waitFor(`${backup} has the primary's 8`, async () => (await queueDepth(backup, 'ledger')) === 8)
    assert.deepEqual(await browse(backup, 'ledger', 8), expected)
  }
})
