// qpid-ha promote refuses to make a second primary (not in the original, docs/compat.md): it asks
// every member of the brokers URL first. --force promotes anyway; a dead primary does not block
// the promotion a cluster manager makes after it died.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { activeCluster, haStatus, waitStatus } from '../../helpers/ha-cluster.js'
import { run } from '../../helpers/run.js'

test('promote refuses while another member is active; --force overrides; a dead primary does not block', async (t) => {
  const c = await activeCluster(t)
  const [a, b, d] = c.brokers.map((x) => x.address)
  const refused = await run('qpid-ha', ['promote', '-b', b, '--cluster-manager'])
  assert.deepEqual(refused, {
    code: 1,
    stdout: `Exception: Refusing to promote ${b}: ${a} is already active (two primaries lose data; --force promotes anyway)\n`,
    stderr: '',
  })
  assert.equal(await haStatus(b), 'ready')

  // made on purpose: two primaries
  assert.equal((await run('qpid-ha', ['promote', '-b', b, '--cluster-manager', '--force'])).code, 0)
  await waitStatus(b, 'active')
  assert.equal(await haStatus(a), 'active')

  // the third member: both others are primaries now, so a plain promote is refused naming the first
  const third = await run('qpid-ha', ['promote', '-b', d, '--cluster-manager'])
  assert.equal(third.code, 1)
  assert.match(third.stdout, new RegExp(`^Exception: Refusing to promote ${d}: ${a} is already active`))

  // once the primaries are gone, the promotion goes through
  await c.brokers[0].kill()
  await c.brokers[1].kill()
  assert.equal((await run('qpid-ha', ['promote', '-b', d, '--cluster-manager'])).code, 0)
  await waitStatus(d, 'active')
})
