// The failover that matters: a 3-broker HA cluster, a replicated queue, qpid-ref-send and
// qpid-ref-receive running with every broker in their list, kill -9 of the primary in the middle
// of the stream and promotion of a ready backup. No confirmed message may be lost; duplicates
// are allowed and reported. Three runs with different kill points and promoted backups.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { clusterWithQueue, promote, startTool, waitReady } from '../../helpers/client-ha.js'

const TOTAL = 2000
const CLIENT_ARGS = ['--reconnect-interval-min', '0.05', '--reconnect-interval-max', '0.2', '--heartbeat', '1']

for (const [killAt, promoted] of [
  [300, 1],
  [1000, 2],
  [1700, 1],
] as const) {
  test(`kill -9 of the primary after at least ${killAt} confirmed, promote backup ${promoted}: nothing confirmed is lost`, {
    timeout: 90_000,
  }, async (t) => {
    const cluster = await clusterWithQueue(t, 'q')
    const urls = cluster.brokers.map((b) => b.address).join(',')
    const receiver = startTool(t, 'qpid-ref-receive', [
      '-b',
      urls,
      '-a',
      'q',
      '-m',
      `${TOTAL}`,
      '--timeout',
      '10',
      ...CLIENT_ARGS,
    ])
    const sender = startTool(t, 'qpid-ref-send', [
      '-b',
      urls,
      '-a',
      'q',
      '-m',
      `${TOTAL}`,
      '--rate',
      '1000',
      '--report-every',
      '100',
      ...CLIENT_ARGS,
    ])
    const backup = cluster.brokers[promoted].address
    // A backup that lost its link under load is in catchup until it is ready again, and one in
    // catchup can never be promoted: make sure the one to promote is ready while traffic flows.
    await waitReady(backup, 10_000)
    await sender.waitLine(new RegExp(`^confirmed ${killAt} `), 20_000)
    await cluster.brokers[0].kill()
    await waitReady(backup, 10_000)
    await promote(backup)

    const sent = await sender.exited
    const last = sender.lines.at(-1)?.text ?? ''
    assert.equal(sent, 0, `sender: ${last}\n${sender.stderr()}`)
    const s = /^sent (\d+), confirmed (\d+), re-sent after failover (\d+), failovers (\d+)$/.exec(last)
    assert.ok(s, last)
    assert.deepEqual([Number(s[1]), Number(s[2]), Number(s[4])], [TOTAL, TOTAL, 1])
    assert.match(sender.stderr(), new RegExp(`qpid-ref-send: connected to ${backup} after `))

    const received = await receiver.exited
    const out = receiver.lines.map((l) => l.text).join('\n')
    assert.equal(received, 0, `receiver:\n${out}\n${receiver.stderr()}`)
    assert.match(out, /^missing: none$/m)
    const r = /^received (\d+), distinct (\d+), duplicates (\d+) \((\d+) more filtered by the client\)/m.exec(out)
    assert.ok(r, out)
    assert.equal(Number(r[2]), TOTAL)
    t.diagnostic(`re-sent ${s[3]}; receiver: ${r[1]} received, ${r[3]} duplicates delivered, ${r[4]} filtered`)
  })
}
