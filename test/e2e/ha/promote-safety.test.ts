// qpid-ha promote --dry-run and its terminal confirmation (issue 9 item 8, docs/compat.md): a dry
// run says what the promotion would do and promotes nothing; in a pseudo-terminal, --force over
// another primary asks first (--yes skips it); in a pipe, --force promotes at once as the original.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { activeCluster, haStatus, waitStatus } from '../../helpers/ha-cluster.js'
import { run } from '../../helpers/run.js'
import { plain, runInTerminal } from '../../helpers/terminal.js'

test('promote --dry-run and the question before a second primary', async (t) => {
  const c = await activeCluster(t)
  const [a, b, d] = c.brokers.map((x) => x.address)
  const promote = (addr: string, ...more: string[]) => ['promote', '-b', addr, '--cluster-manager', ...more]

  assert.deepEqual(await run('qpid-ha', promote(b, '--dry-run')), {
    code: 1,
    stdout: `would fail: ${b} is not promoted while ${a} is active (two primaries lose data; --force promotes anyway)\n`,
    stderr: '',
  })
  assert.deepEqual(await run('qpid-ha', promote(b, '--dry-run', '--force')), {
    code: 0,
    stdout: `would promote ${b} (ready) to primary while ${a} is active: two primaries lose data\n`,
    stderr: '',
  })
  assert.deepEqual(await run('qpid-ha', promote(a, '--dry-run')), {
    code: 0,
    stdout: `would change nothing: ${a} is already primary (active)\n`,
    stderr: '',
  })

  // on a terminal, --force over a primary asks; no promotes nothing
  const no = await runInTerminal(t, 'qpid-ha', promote(b, '--force'), [{ after: /\(y\/N\)/, keys: 'n\r' }])
  assert.equal(no.code, 1)
  assert.match(plain(no.output), new RegExp(`✔ ${a} is active: promote ${b} anyway\\? Two primaries lose data\\. No\n`))
  assert.match(plain(no.output), /Cancelled: nothing was changed\n$/)
  assert.equal(await haStatus(b), 'ready')
  // the refusal without --force asks nothing
  const refused = await runInTerminal(t, 'qpid-ha', promote(b))
  assert.equal(refused.code, 1)
  assert.match(plain(refused.output), /^Exception: Refusing to promote/)

  // the primary dies: a dry run on a backup says it would promote, and does not
  await c.brokers[0].kill()
  assert.deepEqual(await run('qpid-ha', promote(d, '--dry-run')), {
    code: 0,
    stdout: `would promote ${d} (ready) to primary\n`,
    stderr: '',
  })
  assert.equal(await haStatus(d), 'ready')
  // no other primary: nothing to ask on a terminal either
  const promoted = await runInTerminal(t, 'qpid-ha', promote(d))
  assert.deepEqual(promoted, { code: 0, output: '' })
  await waitStatus(d, 'active')

  // --yes skips the question over the new primary
  assert.deepEqual(await runInTerminal(t, 'qpid-ha', promote(b, '--force', '--yes')), { code: 0, output: '' })
  await waitStatus(b, 'active')
})
