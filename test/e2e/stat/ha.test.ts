// qpid-stat against an HA broker (golden 76-78): a backup refuses ordinary connections and
// accepts --ha-admin ones; once promoted, it answers without --ha-admin (golden 141).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { startBroker } from '../../helpers/broker.js'
import { run } from '../../helpers/run.js'

describe('qpid-stat on an HA backup', () => {
  it('is refused without --ha-admin, served with it, and served plainly once promoted', async (t) => {
    const broker = await startBroker(t, { args: ['--ha-cluster', 'yes'] })
    const b = ['-b', broker.address]
    assert.deepEqual(await run('qpid-stat', [...b, '-q']), {
      code: 1,
      stdout: 'Failed: ConnectionError - connection aborted\n',
      stderr: '',
    })

    const admin = await run('qpid-stat', [...b, '--ha-admin', '-q'])
    assert.equal(admin.code, 0)
    const lines = admin.stdout.split('\n')
    assert.deepEqual(lines.slice(0, 1), ['Queues'])
    assert.equal(lines.length, 5) // title, header, separator, the tool's own reply queue, ''
    assert.match(lines[3], /^ {2}[0-9a-f-]{36}_0\.0 +Y {8}Y {8}0 {5}0 {6}0 {7}0 {6}0 {8}0 {9}1 {5}1$/)

    const general = await run('qpid-stat', [...b, '--ha-admin', '-g'])
    assert.equal(general.code, 0)
    // 9 exchanges, amq.failover included, as on the real backup (golden 78)
    assert.match(general.stdout, /^Broker Summary:\n.*\n.*\n {2}\d+s +<standalone> {2}1 {12}1 {9}9 {10}1\n\nAggregate/)

    const promote = await run('qpid-ha', ['promote', '--cluster-manager', '-b', broker.address])
    assert.equal(promote.code, 0, promote.stdout + promote.stderr)
    const primary = await run('qpid-stat', [...b, '-q'])
    assert.equal(primary.code, 0)
    assert.equal(primary.stdout.split('\n')[0], 'Queues')
  })
})
