// `qpid-route -d`: durable links and bridges come back when the broker restarts on its data
// directory, and keep routing; non-durable ones do not.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { it } from 'node:test'
import { startBroker } from '../../helpers/broker.js'
import { declare, golden, hasBinding, receiveOne, route, send, until } from '../../helpers/route.js'

it('durable routes survive a restart of the destination broker; others are gone', async (t) => {
  // our own data directory: startBroker removes the ones it makes when the broker stops
  const dataDir = mkdtempSync(join(tmpdir(), 'route-durable-'))
  t.after(() => rmSync(dataDir, { recursive: true, force: true }))
  const src = await startBroker(t)
  const first = await startBroker(t, { dataDir })
  const ok = { code: 0, stdout: '', stderr: '' }
  assert.deepEqual(await route('-d', 'route', 'add', first.address, src.address, 'amq.direct', 'dk'), ok)
  assert.deepEqual(await route('route', 'add', first.address, src.address, 'amq.direct', 'transient'), ok)
  await first.stop()

  const dest = await startBroker(t, { dataDir })
  await declare(dest.port, ['dq'], [['amq.direct', 'dq', 'dk']])
  const list = await route('route', 'list', dest.address)
  assert.deepEqual(list, {
    code: 0,
    stdout: `${dest.address} ${src.address} amq.direct         dk False\n`,
    stderr: '',
  })
  await until('the recovered bridge is bound on the source', () => hasBinding(src.port, 'amq.direct', 'dk'))
  await send(src.port, 'amq.direct', 'dk', 'after restart')
  assert.equal(await receiveOne(dest.port, 'dq'), 'after restart')
  const links = (await route('link', 'list', dest.address)).stdout.split('\n')[3]
  assert.equal(links, `127.0.0.1       ${src.port}   tcp          Y     Operational       `)

  // deleting the durable route and link is remembered too
  assert.deepEqual(await route('-e', 'route', 'del', dest.address, src.address, 'amq.direct', 'dk'), ok)
  await dest.stop()
  const again = await startBroker(t, { dataDir })
  assert.deepEqual(await route('link', 'list', again.address), {
    code: 0,
    stdout: golden('127-qpid-route-link-list-empty.txt'),
    stderr: '',
  })
})
