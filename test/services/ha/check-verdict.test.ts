// qpid-ha check's judgement on what the members answered (services/ha/check-verdict.ts).
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { PythonError } from '../../../src/protocol/errors.js'
import type { MemberHealth } from '../../../src/render/ha-check.js'
import { checkLine } from '../../../src/render/ha-check.js'
import { brokerVerdict, clusterVerdict } from '../../../src/services/ha/check-verdict.js'

const limits = { graceS: 5 }
const m = (address: string, status: string, systemId = address, lag?: number): MemberHealth => ({
  address,
  status,
  systemId,
  ...(lag === undefined ? {} : { lag }),
})

test('one primary listed under two addresses is not a split brain', () => {
  const v = clusterVerdict([m('a', 'active', 'id1'), m('a2', 'active', 'id1'), m('b', 'ready', 'id2', 0)], limits)
  assert.equal(v.state, 'OK')
})

test('the worst problem decides; problems are listed worst first', () => {
  const down = { address: 'c', error: new PythonError('ConnectError', 'refused') }
  const v = clusterVerdict([m('a', 'active'), m('b', 'catchup'), down, m('d', 'recovering')], limits)
  assert.equal(v.state, 'CRITICAL')
  assert.equal(
    checkLine(v).split(' | ')[0],
    'QPID-HA CRITICAL - split brain: 2 primaries (a active, d recovering); b is catchup after 5 s; c unreachable: refused',
  )
  assert.equal(clusterVerdict([m('a', 'recovering'), m('b', 'ready', 'b', 0)], limits).state, 'WARNING')
  // no primary: not-ready backups are not blamed on their own
  assert.deepEqual(clusterVerdict([m('a', 'joining'), m('b', 'joining')], limits).problems, [
    { state: 'CRITICAL', text: 'no primary' },
  ])
})

test('lag above a limit, not at it', () => {
  const lagged = (lag: number) =>
    clusterVerdict([m('a', 'active'), m('b', 'ready', 'b', lag)], { ...limits, warnLag: 10, critLag: 20 }).state
  assert.deepEqual([lagged(10), lagged(11), lagged(20), lagged(21)], ['OK', 'WARNING', 'WARNING', 'CRITICAL'])
})

test('one broker: unreachable is CRITICAL, without the HA module UNKNOWN', () => {
  const err = new PythonError('Exception', 'HA module is not loaded on broker at x')
  assert.equal(brokerVerdict({ address: 'x', error: err, haMissing: true }, limits).state, 'UNKNOWN')
  assert.equal(
    brokerVerdict({ address: 'x', error: new PythonError('Timeout', 'timed out') }, limits).state,
    'CRITICAL',
  )
  assert.equal(brokerVerdict(m('x', 'ready'), limits).state, 'OK')
})
