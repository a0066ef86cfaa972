// The recorded qpid-route session (golden 110-127) replayed against two real qpidd-ref processes:
// the same commands in the same order, with exact stdout, stderr and exit codes.
import assert from 'node:assert/strict'
import { it } from 'node:test'
import { startBroker } from '../../helpers/broker.js'
import { declare, golden, route } from '../../helpers/route.js'

it('golden 110-127: links, static, dynamic and queue routes, lists, map, deletes and their errors', async (t) => {
  const [dest, src] = await Promise.all([startBroker(t), startBroker(t)])
  await declare(src.port, ['rq'])
  const D = dest.address
  const S = src.address
  const step = async (file: string, code: number, ...args: string[]) => {
    const expected = { code, stdout: golden(file, dest.port, src.port), stderr: '' }
    assert.deepEqual(await route(...args), expected, file)
  }
  await step('110-qpid-route-link-add.txt', 0, 'link', 'add', D, S)
  await step('111-qpid-route-link-list.txt', 0, 'link', 'list', D)
  await step('112-qpid-route-route-add.txt', 0, 'route', 'add', D, S, 'amq.direct', 'rkey')
  await step('113-qpid-route-route-add-duplicate.txt', 1, 'route', 'add', D, S, 'amq.direct', 'rkey')
  await step('114-qpid-route-dynamic-add.txt', 0, 'dynamic', 'add', D, S, 'amq.topic')
  await step('115-qpid-route-queue-add.txt', 0, 'queue', 'add', D, S, 'amq.fanout', 'rq')
  await step('116-qpid-route-route-list.txt', 0, 'route', 'list', D)
  await step('117-qpid-route-link-list-after-routes.txt', 0, 'link', 'list', D)
  // The recorded map also showed two HA replication bridges of the source broker (qpid-ha
  // replicate ran on that pair before); there are none here.
  const map = golden('118-qpid-route-route-map.txt', dest.port, src.port)
    .split('\n')
    .filter((line) => !line.includes('qpid.ha-q:'))
    .join('\n')
  assert.deepEqual(await route('route', 'map', D), { code: 0, stdout: map, stderr: '' }, '118')
  await step('119-qpid-route-route-list-verbose.txt', 0, '-v', 'route', 'list', D)
  await step('120-qpid-route-route-del.txt', 0, 'route', 'del', D, S, 'amq.direct', 'rkey')
  await step('121-qpid-route-route-del-unknown.txt', 1, 'route', 'del', D, S, 'amq.direct', 'nosuchkey')
  await step('122-qpid-route-dynamic-del.txt', 0, 'dynamic', 'del', D, S, 'amq.topic')
  await step('123-qpid-route-queue-del.txt', 0, 'queue', 'del', D, S, 'amq.fanout', 'rq')
  await step('124-qpid-route-route-list-after-del.txt', 0, 'route', 'list', D)
  await step('125-qpid-route-link-del.txt', 0, 'link', 'del', D, S)
  await step('126-qpid-route-link-del-unknown.txt', 1, 'link', 'del', D, S)
  await step('127-qpid-route-link-list-empty.txt', 0, 'link', 'list', D)
})
