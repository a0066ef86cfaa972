// The HA log lines of qpidd-ref follow the real broker's (golden/ha-log-startup-and-promote.txt):
// the same messages, in the same order, for the promoted broker and for a backup.
import assert from 'node:assert/strict'
import { it } from 'node:test'
import { activeCluster } from '../../helpers/ha-cluster.js'

/** The `[HA]` messages of a broker's log, without time stamps and ids. */
function haMessages(stderr: string): string[] {
  return stderr
    .split('\n')
    .filter((l) => l.includes(' [HA] '))
    .map((l) => l.replace(/^.* \[HA\] \w+ [0-9a-f]{8}\(\w+\) /, ''))
}

function inOrder(lines: string[], expected: RegExp[]): void {
  let at = 0
  for (const re of expected) {
    const i = lines.findIndex((l, k) => k >= at && re.test(l))
    assert.ok(i >= 0, `${re} after line ${at} in:\n${lines.join('\n')}`)
    at = i + 1
  }
}

it('logs the state changes of startup and promotion like qpidd', async (t) => {
  const c = await activeCluster(t, 2, ['--log-enable', 'info+'])
  inOrder(haMessages(c.brokers[0].stderr()), [
    /^Starting HA broker$/,
    /^Status change: standalone -> joining$/,
    /^Status change: joining -> recovering$/,
    /^Promoted to primary$/,
    /^Status change: recovering -> active$/,
    /^All backups recovered\.$/,
    /^New backup connection: [0-9a-f]{8}@tcp:127\.0\.0\.1:\d+\(catchup\)$/,
    /^New backup is ready: [0-9a-f]{8}@tcp:127\.0\.0\.1:\d+\(ready\)$/,
  ])
  inOrder(haMessages(c.brokers[1].stderr()), [
    /^Starting HA broker$/,
    /^Status change: standalone -> joining$/,
    /^Connecting to primary tcp:127\.0\.0\.1:\d+$/,
    /^Status change: joining -> catchup$/,
    /^Connected to primary tcp:127\.0\.0\.1:\d+$/,
    /^Status change: catchup -> ready$/,
    /^Backup is ready$/,
  ])
})
