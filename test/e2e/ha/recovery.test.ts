// Promotion rules and the confirmation promise on a qpidd-ref cluster: a new primary stays
// `recovering` and holds confirmations for the backups that were ready until they return or
// --ha-backup-timeout expires; promote refusals for catchup and for a joining broker that finds an
// established cluster; a hung backup is dropped by the heartbeat instead of blocking senders.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { startBroker } from '../../helpers/broker.js'
import {
  activeCluster,
  browse,
  createQueue,
  HA_ARGS,
  haStatus,
  promote,
  queueDepth,
  send,
  waitFor,
  waitStatus,
  withAgent,
} from '../../helpers/ha-cluster.js'
import { run } from '../../helpers/run.js'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

function pause(t: { after(fn: () => void): void }, pid: number): void {
  process.kill(pid, 'SIGSTOP')
  t.after(() => {
    try {
      process.kill(pid, 'SIGCONT')
    } catch {}
  })
}

async function members(address: string): Promise<Array<{ id: string; status: number }>> {
  return withAgent(address, async (a) => {
    const ha = await a.getSingleton('habroker')
    return ((ha?.values.members ?? []) as Array<Record<string, unknown>>).map((m) => ({
      id: String(m['system-id']),
      status: Number(m.status),
    }))
  })
}

describe('HA recovery and promotion', () => {
  it('recovering holds confirmations until the expected backup is back and caught up, then goes active', async (t) => {
    const c = await activeCluster(t, 3, ['--ha-replicate', 'all'])
    const [, b1, b2] = c.brokers.map((b) => b.address)
    await createQueue(c.brokers[0].address, 'qr')
    await waitFor('qr on backups', async () => (await queueDepth(b2, 'qr')) === 0)
    pause(t, c.brokers[2].pid)
    await c.brokers[0].kill()
    await promote(b1)
    assert.equal(await haStatus(b1), 'recovering')
    const s = await send(b1, 'qr', 1)
    await sleep(500)
    assert.equal(s.accepted(), 0, 'not confirmed while the expected backup is away')
    assert.equal(await haStatus(b1), 'recovering')
    process.kill(c.brokers[2].pid, 'SIGCONT')
    await s.confirmed
    await waitStatus(b1, 'active')
    assert.equal(await queueDepth(b2, 'qr'), 1, 'confirmed only once the backup holds it')
    s.close()
  })

  it('gives up on an expected backup after --ha-backup-timeout and records it as catchup', async (t) => {
    const c = await activeCluster(t, 3, ['--ha-replicate', 'all', '--ha-backup-timeout', '1'])
    const [, b1] = c.brokers.map((b) => b.address)
    const lostId = String(
      await withAgent(c.brokers[2].address, async (a) => (await a.getSingleton('habroker'))?.values.systemId),
    )
    await createQueue(c.brokers[0].address, 'qt')
    for (const b of c.brokers.slice(1))
      await waitFor('qt on the backups', async () => (await queueDepth(b.address, 'qt')) === 0)
    // primary first: the member list b1 last heard from still has b2 as ready
    await c.brokers[0].kill()
    await c.brokers[2].kill()
    await promote(b1)
    const t0 = Date.now()
    const s = await send(b1, 'qt', 1)
    await s.confirmed
    const held = Date.now() - t0
    assert.ok(held >= 700, `confirmation held until the timeout (${held} ms)`)
    await waitStatus(b1, 'active')
    assert.deepEqual(
      (await members(b1)).find((m) => m.id === lostId),
      { id: lostId, status: 1 },
      'the timed-out backup is listed as catchup',
    )
    s.close()
    // it comes back as a new backup and catches up
    const back = await c.start(2)
    await waitStatus(back.address, 'ready')
    assert.equal(await queueDepth(back.address, 'qt'), 1)
  })

  it('refuses to promote a joining broker that finds an established cluster', async (t) => {
    const c = await activeCluster(t)
    await c.brokers[0].kill()
    const late = await startBroker(t, { args: [...HA_ARGS, '--ha-brokers-url', c.url] })
    const r = await run('qpid-ha', ['promote', '-b', late.address, '--cluster-manager'])
    assert.deepEqual(
      [r.stdout, r.stderr, r.code],
      [
        "Exception: Exception from Agent: {'error_code': 7, 'error_text': 'Joining active cluster, cannot be promoted.'}\n",
        '',
        1,
      ],
    )
    assert.equal(await haStatus(late.address), 'joining')
  })

  it('refuses to promote a backup that is still catching up', async (t) => {
    const c = await activeCluster(t, 2, ['--ha-replicate', 'all'])
    const p = c.brokers[0].address
    await createQueue(p, 'big')
    await (await send(p, 'big', 20000)).confirmed
    // a new backup with a one-message window needs a while to copy 20000 messages
    const late = await startBroker(t, {
      args: [...HA_ARGS, '--ha-replicate', 'all', '--ha-flow-messages', '1', '--ha-brokers-url', c.url],
    })
    await waitStatus(late.address, 'catchup')
    await c.brokers[0].kill()
    const r = await run('qpid-ha', ['--cluster-manager', 'promote', '-b', late.address])
    assert.deepEqual(
      [r.stdout, r.code],
      [
        "Exception: Exception from Agent: {'error_code': 7, 'error_text': 'Still catching up, cannot be promoted.'}\n",
        1,
      ],
    )
    assert.equal(await haStatus(late.address), 'catchup', 'there is no way back to joining or on to ready')
  })

  it('drops a hung backup within twice the heartbeat interval, releasing held senders', async (t) => {
    const c = await activeCluster(t, 3, ['--ha-replicate', 'all', '--link-heartbeat-interval', '1'])
    const [p, , b2] = c.brokers.map((b) => b.address)
    await createQueue(p, 'qh')
    await waitFor('qh on backup', async () => (await queueDepth(b2, 'qh')) === 0)
    pause(t, c.brokers[2].pid)
    const t0 = Date.now()
    const s = await send(p, 'qh', 1)
    await s.confirmed
    const blocked = Date.now() - t0
    // --link-heartbeat-interval 1: detected after 2 × 1 s of silence (plus scheduling on a busy machine)
    assert.ok(blocked >= 1500 && blocked < 3000, `sender blocked ${blocked} ms`)
    s.close()
    process.kill(c.brokers[2].pid, 'SIGCONT')
    await waitFor(
      'hung backup back and ready',
      async () => (await haStatus(b2)) === 'ready' && (await queueDepth(b2, 'qh')) === 1,
    )
  })

  it('backups leave a hung primary within the heartbeat interval and follow the new one', async (t) => {
    const c = await activeCluster(t, 3, ['--ha-replicate', 'all', '--link-heartbeat-interval', '1'])
    const [, b1, b2] = c.brokers.map((b) => b.address)
    pause(t, c.brokers[0].pid)
    const t0 = Date.now()
    await promote(b1)
    // b1 waits for b2 (expected); b2 must notice the silent primary first: 2 × --link-heartbeat-interval 1
    await waitStatus(b1, 'active', 8000)
    assert.ok(Date.now() - t0 < 4000, `took ${Date.now() - t0} ms`)
    assert.equal(await haStatus(b2), 'ready')
    await c.brokers[0].kill()
  })

  it('backups keep auto-delete replica queues when a browser leaves', async (t) => {
    const c = await activeCluster(t, 2, ['--ha-replicate', 'all'])
    const [p, b1] = c.brokers.map((b) => b.address)
    await createQueue(p, 'qad', { 'auto-delete': true, 'qpid.auto_delete_timeout': 0 })
    await (await send(p, 'qad', 2)).confirmed
    await waitFor('qad on the backup', async () => (await queueDepth(b1, 'qad')) === 2)
    assert.deepEqual(await browse(b1, 'qad', 2), ['m0', 'm1'])
    await sleep(200)
    assert.equal(await queueDepth(b1, 'qad'), 2)
  })

  it('a backup whose --ha-replicate differs from the primary stops (fail-stop)', async (t) => {
    const c = await activeCluster(t, 1)
    const other = await startBroker(t, {
      args: [...HA_ARGS, '--ha-replicate', 'all', '--ha-brokers-url', c.brokers[0].address],
    })
    const code =
      other.process.exitCode ?? (await new Promise<number | null>((r) => other.process.once('exit', (n) => r(n))))
    assert.equal(code, 1)
    assert.match(other.stderr(), /Replicate default on backup \(all\) does not match primary \(none\)/)
  })
})
