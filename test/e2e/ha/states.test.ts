// A 3-broker qpidd-ref cluster through promotion, driven by the real qpid-ha executable and
// compared with the golden transcripts of the real tool (our ports and broker ids substituted).
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { type Cluster, connect, startCluster, suiteScope, waitStatus, withAgent } from '../../helpers/ha-cluster.js'
import { golden } from '../../helpers/ha-golden.js'
import { run } from '../../helpers/run.js'

describe('qpid-ha on a qpidd-ref cluster', () => {
  let c: Cluster
  let addrs: string[]
  let ids: string[]
  const expectGolden = async (file: string) => {
    const g = golden(file, addrs, ids)
    const r = await run('qpid-ha', g.args)
    assert.deepEqual(
      { stdout: r.stdout, stderr: r.stderr, code: r.code },
      { stdout: g.stdout, stderr: '', code: g.code },
      file,
    )
  }

  const scope = suiteScope()
  after(() => scope.stopAll())
  before(async () => {
    c = await startCluster(scope.t)
    addrs = c.brokers.map((b) => b.address)
    ids = await Promise.all(
      addrs.map((a) => withAgent(a, async (q) => String((await q.getSingleton('habroker'))?.values.systemId))),
    )
  })

  it('reports joining before promotion (goldens 01-03)', async () => {
    for (const f of [
      '01-qpid-ha-status-before-promote.txt',
      '02-qpid-ha-status-all-before-promote.txt',
      '03-qpid-ha-query-before-promote.txt',
    ])
      await expectGolden(f)
  })

  it('refuses promote without --cluster-manager (golden 04)', async () => {
    await expectGolden('04-qpid-ha-promote-without-cluster-manager-flag.txt')
  })

  it('drops ordinary clients of a joining broker without an AMQP close (golden 05)', async () => {
    const g = golden('05-qpid-config-on-joining-broker-no-ha-admin.txt', addrs, ids)
    const r = await run('qpid-config', g.args)
    assert.deepEqual([r.stdout, r.code], [g.stdout, g.code])
    await assert.rejects(connect(addrs[1]), /connection aborted|ECONNRESET|disconnected/)
  })

  it('promotes with --cluster-manager; backups become ready (goldens 06, 07, 10, 14)', async () => {
    await expectGolden('06-qpid-ha-promote-cluster-manager.txt')
    await expectGolden('07-qpid-ha-status-primary.txt')
    await waitStatus(addrs[1], 'ready')
    await waitStatus(addrs[2], 'ready')
    await expectGolden('10-qpid-ha-status-all-backup.txt')
    await expectGolden('13-qpid-ha-query-primary.txt')
    await expectGolden('14-qpid-ha-query-all-backup.txt')
  })

  it('pings primary and backup, ignores a second promote (goldens 11, 12, 15)', async () => {
    await expectGolden('11-qpid-ha-ping-primary.txt')
    await expectGolden('12-qpid-ha-ping-backup.txt')
    await expectGolden('15-qpid-ha-promote-already-primary.txt')
  })

  it('answers --expect and --is-primary with the exit code (goldens 16-19)', async () => {
    for (const f of [
      '16-qpid-ha-status-expect-active.txt',
      '17-qpid-ha-status-expect-active-on-backup.txt',
      '18-qpid-ha-status-is-primary-on-primary.txt',
      '19-qpid-ha-status-is-primary-on-backup.txt',
    ])
      await expectGolden(f)
  })

  it('backups refuse plain clients and accept admin connections; the primary accepts clients', async () => {
    await assert.rejects(connect(addrs[2]), /connection aborted|ECONNRESET|disconnected/)
    const admin = await connect(addrs[2], { 'qpid.ha-admin': 1 })
    admin.close()
    const client = await connect(addrs[0])
    client.close()
  })

  it('status --all names a hung (SIGSTOPped) broker and still answers for the others within --timeout', async () => {
    process.kill(c.brokers[2].pid, 'SIGSTOP')
    try {
      const t0 = Date.now()
      const r = await run('qpid-ha', ['status', '-b', addrs[0], '--all', '--timeout', '1'], { timeoutMs: 8000 })
      assert.deepEqual([r.stdout, r.code], [`${addrs[0]} active\n${addrs[1]} ready\n${addrs[2]} timed out\n`, 0])
      assert.ok(Date.now() - t0 < 4000, `took ${Date.now() - t0} ms`)
    } finally {
      process.kill(c.brokers[2].pid, 'SIGCONT')
    }
  })

  it('set changes the public and brokers URLs at run time (qpid-ha extension), rejecting bad URLs', async () => {
    const set = await run('qpid-ha', ['set', '-b', addrs[0], '--public-url', '127.0.0.1:9999'])
    assert.deepEqual([set.stdout, set.code], ['', 0])
    const q = await run('qpid-ha', ['query', '-b', addrs[0]])
    assert.match(q.stdout, /^Public URL: {10}amqp:tcp:127\.0\.0\.1:9999$/m)
    const bad = await run('qpid-ha', ['set', '-b', addrs[0], '--brokers-url', 'h1:x'])
    assert.deepEqual(
      [bad.stdout, bad.code],
      ["Exception: Exception from Agent: {'error_code': 7, 'error_text': 'Invalid URL: h1:x'}\n", 1],
    )
  })
})
