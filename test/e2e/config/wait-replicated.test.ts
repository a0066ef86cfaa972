// qpid-config --wait-replicated[=SECONDS] on a qpidd-ref HA cluster (a primary and two ready
// backups): when the command returns, every ready backup shows the change; on a backup it refuses
// before changing anything; a change a backup does not follow in time is exit 3, naming it.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { config, failed, ok } from '../../helpers/config.js'
import { activeCluster } from '../../helpers/ha-cluster.js'
import { openTerminal, plain } from '../../helpers/terminal.js'

const queuesOn = async (backup: string) => {
  const r = await config(backup, '--ha-admin', 'queues', '--json')
  return (JSON.parse(r.stdout).queues as Array<{ name: string }>).map((q) => q.name)
}
const bindingsOn = async (backup: string, queue: string) => {
  const r = await config(backup, '--ha-admin', 'queues', queue, '-r', '--json')
  const [q] = JSON.parse(r.stdout).queues as Array<{ bindings: Array<{ exchange: string; bindingKey: string }> }>
  return q.bindings.map((b) => `${b.exchange}/${b.bindingKey}`)
}

describe('qpid-config --wait-replicated', () => {
  it('returns once every ready backup shows the queue, the binding, the deletion', async (t) => {
    const cluster = await activeCluster(t, 3)
    const [primary, ...backups] = cluster.brokers.map((b) => b.address)

    // a bare --wait-replicated takes no value from the next word: wq1 stays the queue name
    assert.deepEqual(await config(primary, 'add', 'queue', '--wait-replicated', 'wq1', '--replicate', 'all'), ok())
    for (const b of backups) assert.ok((await queuesOn(b)).includes('wq1'), `wq1 on ${b} when the command returned`)

    assert.deepEqual(await config(primary, 'add', 'exchange', 'topic', 'wx1', '--replicate', 'all', '--wait-rep'), ok())
    assert.deepEqual(await config(primary, 'bind', 'wx1', 'wq1', 'k1', '--wait-replicated=5'), ok())
    for (const b of backups) assert.ok((await bindingsOn(b, 'wq1')).includes('wx1/k1'), `binding on ${b}`)
    assert.deepEqual(await config(primary, 'unbind', 'wx1', 'wq1', 'k1', '--wait-replicated'), ok())
    for (const b of backups) assert.ok(!(await bindingsOn(b, 'wq1')).includes('wx1/k1'), `unbound on ${b}`)
    assert.deepEqual(await config(primary, 'del', 'exchange', 'wx1', '--wait-replicated'), ok())

    // built-in exchanges are never replicated, nor are their bindings
    assert.deepEqual(await config(primary, 'bind', 'amq.direct', 'wq1', 'k2', '--wait-replicated'), {
      code: 0,
      stdout: '',
      stderr: "qpid-config: binding amq.direct → wq1 (key 'k2') is not replicated: nothing to wait for\n",
    })

    assert.deepEqual(await config(primary, 'del', 'queue', 'wq1', '--wait-replicated'), ok())
    for (const b of backups) assert.ok(!(await queuesOn(b)).includes('wq1'), `wq1 gone from ${b}`)
  })

  it('a queue that is not replicated: nothing to wait for, said on stderr', async (t) => {
    const cluster = await activeCluster(t, 2)
    const r = await config(
      cluster.brokers[0].address,
      'add',
      'queue',
      'local',
      '--replicate',
      'none',
      '--wait-replicated',
    )
    assert.deepEqual(r, {
      code: 0,
      stdout: '',
      stderr: 'qpid-config: queue local is not replicated: nothing to wait for\n',
    })
  })

  it('on a backup it refuses before changing anything', async (t) => {
    const cluster = await activeCluster(t, 2)
    const backup = cluster.brokers[1].address
    assert.deepEqual(
      await config(backup, '--ha-admin', 'add', 'queue', 'wq2', '--wait-replicated'),
      failed(`Failed: Exception: --wait-replicated: ${backup} is ready, not the active primary`),
    )
    assert.ok(!(await queuesOn(backup)).includes('wq2'))
  })

  it('a backup that keeps the object past the deadline: exit 3, naming it', async (t) => {
    const cluster = await activeCluster(t, 3)
    const [primary, backup, other] = cluster.brokers.map((b) => b.address)
    // a queue of the same name that only this backup has (not replicated, made with --ha-admin)
    assert.deepEqual(await config(primary, 'add', 'queue', 'wq3', '--replicate', 'none'), ok())
    assert.deepEqual(await config(backup, '--ha-admin', 'add', 'queue', 'wq3', '--replicate', 'none'), ok())
    const r = await config(primary, 'del', 'queue', 'wq3', '--wait-replicated=0.5')
    assert.deepEqual(r, {
      code: 3,
      stdout: `Failed: not replicated within 0.5 s: queue wq3 still on ${backup}\n`,
      stderr: '',
    })
    assert.ok(!(await queuesOn(other)).includes('wq3'))
  })

  it('on a terminal: a spinner while waiting, then the outcome with the time it took', async (t) => {
    const cluster = await activeCluster(t, 3)
    const [primary, ...backups] = cluster.brokers.map((b) => b.address)
    const term = openTerminal(t, 'qpid-config', [
      '-b',
      primary,
      'add',
      'queue',
      'tq',
      '--replicate',
      'all',
      '--wait-replicated',
    ])
    assert.equal(await term.exited, 0, plain(term.output()))
    assert.match(plain(term.output()), /✔ queue tq on 2 ready backup\(s\) after \d+ ms\n/)
    assert.ok(term.output().includes('\x1b[?25l'), 'the spinner hid the cursor while it ran (raw escape codes)')
    for (const b of backups) assert.ok((await queuesOn(b)).includes('tq'))
  })
})
