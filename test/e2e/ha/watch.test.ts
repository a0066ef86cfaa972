// qpid-ha status --all --watch (an addition) on a real 3-broker cluster: piped snapshots after
// timestamp lines, a member stopped with SIGSTOP shown as `timed out` while the others still
// answer, the asked broker itself stopped for 2 s shown as a failed refresh with the age of the
// last good data, then seen again after SIGCONT; on a terminal a header and Ctrl-C exit 0.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { activeCluster, type Cluster, suiteScope } from '../../helpers/ha-cluster.js'
import { run } from '../../helpers/run.js'
import { openTerminal, plain } from '../../helpers/terminal.js'
import { startPiped, suspend } from '../../helpers/watcher.js'

describe('qpid-ha status --watch', () => {
  const scope = suiteScope()
  let c: Cluster
  let a: string[]
  let statusAll: string
  before(async () => {
    c = await activeCluster(scope.t)
    a = c.brokers.map((b) => b.address)
    statusAll = `${a[0]} active\n${a[1]} ready\n${a[2]} ready\n`
  })
  after(() => scope.stopAll())

  it('piped: a hung member is `timed out`, a hung asked broker a failed refresh, and the watch goes on', async (t) => {
    const w = startPiped(t, 'qpid-ha', ['status', '-b', a[1], '--all', '--watch=0.2', '--timeout', '1'])
    const stamped = (lines: string) => new RegExp(`^--- \\S+Z ---\\n${lines.replaceAll('.', '\\.')}`, 'm')
    await w.waitFor('a first snapshot', (out) => stamped(statusAll).test(out))
    const resumeMember = suspend(t, c.brokers[2].pid)
    await w.waitFor('the hung member', (out) => stamped(`${a[0]} active\n${a[1]} ready\n${a[2]} timed out\n`).test(out))
    resumeMember()
    const stoppedAt = Date.now()
    const resume = suspend(t, c.brokers[1].pid)
    await w.waitFor('a failed refresh', (out) => /^ConnectError: timed out\nLast good data: /m.test(out))
    await new Promise((r) => setTimeout(r, Math.max(0, 2000 - (Date.now() - stoppedAt))))
    resume()
    await w.waitFor('a snapshot after SIGCONT', (out) =>
      out.slice(out.lastIndexOf('Last good data')).includes(statusAll),
    )
    assert.equal(await w.interrupt(), 0)
    assert.equal(w.stderr(), '')
    assert.match(w.stdout(), /^--- \S+Z ---\nConnectError: timed out\nLast good data: \S+Z, \d+(\.\d)? s old\n/m)
  })

  it('on a terminal: a header with interval and time above the status lines; Ctrl-C exits 0', async (t) => {
    const term = openTerminal(t, 'qpid-ha', ['status', '-b', a[0], '--all', '--watch=0.3'])
    await term.waitFor('two frames', (out) => {
      const frames = plain(out).match(/Every 0\.3 s, last refresh \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\n\n/g)
      return (frames?.length ?? 0) >= 2 && plain(out).endsWith(statusAll)
    })
    term.type('\x03')
    assert.equal(await term.exited, 0)
  })

  it('without --all the status word is watched; --watch with --expect or --is-primary is refused', async () => {
    const r = await run('qpid-ha', ['status', '-b', a[0], '--watch', '--expect', 'active'])
    assert.deepEqual(
      [r.stdout, r.code],
      ['Exception: --watch shows the status; it cannot be used with --is-primary or --expect\n', 1],
    )
    // a bare --w... means --watch=2 only for commands that have it
    const ping = await run('qpid-ha', ['ping', '-b', a[0], '--wat'])
    assert.equal(ping.code, 2)
    assert.match(ping.stderr, /qpid-ha: error: no such option: --wat\n$/)
  })

  it('piped, without --all: one status word per snapshot', async (t) => {
    const w = startPiped(t, 'qpid-ha', ['status', '-b', a[2], '--watch=0.2'])
    await w.waitFor('two snapshots', (out) => (out.match(/^--- \S+Z ---\nready\n/gm) ?? []).length >= 2)
    assert.equal(await w.interrupt(), 0)
  })
})
