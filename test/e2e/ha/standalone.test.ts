// Standalone queue replication between two qpidd-ref brokers started with
// --ha-queue-replication yes (not a cluster), driven by the real qpid-config and qpid-ha and
// compared with goldens 90-104 (our addresses and ids substituted; qpidd-ref's error texts carry
// no source-location suffix, tools.md §0.6).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { startBroker } from '../../helpers/broker.js'
import { browse, queueDepth, range, send, waitFor, withAgent } from '../../helpers/ha-cluster.js'
import { golden } from '../../helpers/ha-golden.js'
import { run } from '../../helpers/run.js'

const SA_ARGS = [
  '--ha-queue-replication',
  'yes',
  '--link-maintenance-interval',
  '0.1',
  '--link-heartbeat-interval',
  '2',
]

describe('standalone queue replication', () => {
  it('replicates with --start-replica and qpid-ha replicate (with the original argument order), both ways', async (t) => {
    const src = await startBroker(t, { args: SA_ARGS })
    const rep = await startBroker(t, { args: SA_ARGS })
    const id = String(await withAgent(src.address, async (a) => (await a.getSingleton('habroker'))?.values.systemId))
    // the golden's standalone pair is 25680 (source) / 25681 (replica)
    const sub = (file: string) => {
      const g = golden(file)
      const fix = (s: string) =>
        s
          .replaceAll('127.0.0.1:25680', src.address)
          .replaceAll('127.0.0.1:25681', rep.address)
          .replaceAll('cd4d864a-10b4-430b-a7de-059d044cdd45', id)
          .replaceAll(' (<qpid-cpp>/src/qpid/broker/QueueRegistry.cpp:176)', '')
      return { args: g.args.map(fix), stdout: fix(g.stdout), code: g.code }
    }
    const check = async (file: string, bin = 'qpid-ha') => {
      const g = sub(file)
      const r = await run(bin, g.args)
      assert.deepEqual([r.stdout, r.stderr, r.code], [g.stdout, '', g.code], file)
    }
    await check('90-sa-qpid-ha-status-standalone.txt')
    await check('91-sa-qpid-ha-query-standalone.txt')
    await check('92-sa-qpid-config-add-source-queue.txt', 'qpid-config')
    await check('93-sa-qpid-config-add-queue-start-replica.txt', 'qpid-config')
    await (await send(src.address, 'rq', 10)).confirmed
    await waitFor('rq on the replica', async () => (await queueDepth(rep.address, 'rq')) === 10)
    await check('95-sa-qpid-config-add-queue-rq2-source.txt', 'qpid-config')
    await check('96-sa-qpid-config-add-queue-rq2-replica-plain.txt', 'qpid-config')
    await check('97-sa-qpid-ha-replicate.txt')
    await check('97b-sa-qpid-ha-replicate-args-swapped-works.txt')
    await (await send(src.address, 'rq2', 7)).confirmed
    await waitFor('rq2 on the replica', async () => (await queueDepth(rep.address, 'rq2')) === 7)
    assert.deepEqual(await browse(rep.address, 'rq2', 7), range(7))
    await check('99-sa-qpid-ha-replicate-unknown-queue.txt')
    await check('102-sa-qpid-ha-promote-standalone.txt')
    await check('104-sa-qpid-ha-status-after-promote-standalone.txt')

    // the other way round: the replica broker is the source of another queue
    assert.equal((await run('qpid-config', ['-b', rep.address, 'add', 'queue', 'back'])).code, 0)
    const r = await run('qpid-config', ['-b', src.address, 'add', 'queue', 'back', '--start-replica', rep.address])
    assert.equal(r.code, 0, r.stdout)
    await (await send(rep.address, 'back', 3)).confirmed
    await waitFor('back on the other broker', async () => (await queueDepth(src.address, 'back')) === 3)
  })

  it('holds the source sender until the replica has its copy', async (t) => {
    const src = await startBroker(t, { args: SA_ARGS })
    const rep = await startBroker(t, { args: SA_ARGS })
    assert.equal((await run('qpid-config', ['-b', src.address, 'add', 'queue', 'hq'])).code, 0)
    const r = await run('qpid-config', ['-b', rep.address, 'add', 'queue', 'hq', '--start-replica', src.address])
    assert.equal(r.code, 0, r.stdout)
    await (await send(src.address, 'hq', 1)).confirmed
    await waitFor('replication running', async () => (await queueDepth(rep.address, 'hq')) === 1)
    process.kill(rep.pid, 'SIGSTOP')
    t.after(() => {
      try {
        process.kill(rep.pid, 'SIGCONT')
      } catch {}
    })
    const s = await send(src.address, 'hq', 1, { prefix: 'late' })
    await new Promise((res) => setTimeout(res, 400))
    assert.equal(s.accepted(), 0)
    process.kill(rep.pid, 'SIGCONT')
    await s.confirmed
    await waitFor('copy on the replica', async () => (await queueDepth(rep.address, 'hq')) === 2)
    s.close()
  })
})
