// qpid-config against a qpidd-ref HA cluster (one promoted primary, one ready backup): a backup
// refuses ordinary connections (golden 33) and serves --ha-admin ones; replication levels as the
// backup shows them (goldens 35, 43, 63-65); admin writes directly on a backup (goldens 52, 62).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { config, failed, ok } from '../../helpers/config.js'
import { activeCluster, waitFor } from '../../helpers/ha-cluster.js'

const backupNames = async (backup: string) => {
  const r = await config(backup, '--ha-admin', 'queues', '--json')
  return (JSON.parse(r.stdout).queues as Array<{ name: string }>).map((q) => q.name)
}

describe('qpid-config on an HA cluster', () => {
  it('a backup refuses a plain connection and answers --ha-admin; levels all/configuration/none', async (t) => {
    const cluster = await activeCluster(t, 2)
    const [primary, backup] = cluster.brokers.map((b) => b.address)
    assert.deepEqual(await config(backup, 'queues'), failed('Failed: ConnectionError: connection aborted'))

    assert.deepEqual(await config(primary, 'add', 'queue', 'ha-all', '--replicate', 'all'), ok())
    assert.deepEqual(await config(primary, 'add', 'queue', 'ha-conf', '--replicate', 'configuration'), ok())
    assert.deepEqual(await config(primary, 'add', 'queue', 'ha-none'), ok())
    await waitFor('the replicated queues on the backup', async () => {
      const names = await backupNames(backup)
      return names.includes('ha-all') && names.includes('ha-conf')
    })
    assert.ok(!(await backupNames(backup)).includes('ha-none'))

    const listing = await config(backup, '--ha-admin', 'queues', 'ha-')
    assert.equal(listing.code, 0)
    const [header, rule, ...rows] = listing.stdout.trimEnd().split('\n')
    assert.equal(header, 'Queue Name  Attributes')
    assert.equal(rule, '='.repeat(35))
    assert.equal(rows.length, 2)
    assert.match(rows[0], /^ha-all {6}--replicate=all( --argument qpid\.ha-uuid=[0-9a-f-]{36})?$/)
    assert.match(rows[1], /^ha-conf {5}--replicate=configuration( --argument qpid\.ha-uuid=[0-9a-f-]{36})?$/)
  })

  it('--ha-admin writes go straight to the backup (goldens 52, 62)', async (t) => {
    const cluster = await activeCluster(t, 2)
    const backup = cluster.brokers[1].address
    assert.deepEqual(await config(backup, '--ha-admin', 'add', 'queue', 'qb'), ok())
    assert.ok((await backupNames(backup)).includes('qb'))
    assert.deepEqual(await config(backup, '--ha-admin', 'del', 'queue', 'qb'), ok())
    assert.ok(!(await backupNames(backup)).includes('qb'))
  })
})
