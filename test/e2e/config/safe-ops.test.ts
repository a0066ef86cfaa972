// qpid-config --dry-run and the terminal confirmation (issue 9 item 8, docs/compat.md): a dry run
// says what del, unbind and shutdown would do and changes nothing; in a pseudo-terminal a change
// that destroys messages or stops the broker is asked about first (--yes skips it); in a pipe
// nothing is ever asked, as with the original.
import assert from 'node:assert/strict'
import { after, before, describe, it, type TestContext } from 'node:test'
import { type RunningBroker, startBroker } from '../../helpers/broker.js'
import { config, failed, ok } from '../../helpers/config.js'
import { run } from '../../helpers/run.js'
import { type Client, consume, openClient, send } from '../../helpers/stat-traffic.js'
import { plain, runInTerminal } from '../../helpers/terminal.js'

let broker: RunningBroker
let client: Client
before(async () => {
  broker = await startBroker(undefined)
  client = await openClient(broker.port, 'safe-ops-test', process.pid)
})
after(async () => {
  client?.conn.close()
  await broker?.stop()
})

const fill = (queue: string, n: number) =>
  send(
    client.conn,
    queue,
    Array.from({ length: n }, (_, i) => ({ body: `m${i}` })),
  )

async function queueNames(): Promise<string[]> {
  const r = await config(broker, 'queues')
  return r.stdout
    .split('\n')
    .slice(2)
    .map((l) => l.split(' ')[0])
    .filter((n) => n !== '' && !n.endsWith('_0.0'))
}

const inPty = (t: TestContext, args: string[], keys?: string) =>
  runInTerminal(
    t,
    'qpid-config',
    ['-b', broker.address, ...args],
    keys === undefined ? [] : [{ after: /\(y\/N\)/, keys }],
  )

describe('--dry-run', () => {
  it('del queue says what the broker would do, exit 0 or 1, and deletes nothing', async () => {
    assert.deepEqual(await config(broker, 'add', 'queue', 'dq1'), ok())
    await fill('dq1', 1234)
    await consume(client.conn, 'dq1', 'dq1-consumer-a', 0, { ack: false })
    await consume(client.conn, 'dq1', 'dq1-consumer-b', 0, { ack: false })
    assert.deepEqual(
      await config(broker, 'del', 'queue', 'dq1', '--dry-run'),
      failed('would fail: queue dq1 holds 1,234 messages (--force or --force-if-not-empty deletes it anyway)'),
    )
    assert.deepEqual(
      await config(broker, 'del', 'queue', 'dq1', '--dry-run', '--force-if-not-empty'),
      failed('would fail: queue dq1 has 2 consumers (--force or --force-if-used deletes it anyway)'),
    )
    assert.deepEqual(
      await config(broker, 'del', 'queue', 'dq1', '--force', '--dry'),
      ok('would delete queue dq1 holding 1,234 messages, 2 consumers\n'),
    )
    assert.deepEqual(
      await config(broker, 'del', 'queue', 'nosuch', '--dry-run'),
      failed('would fail: queue nosuch does not exist'),
    )
    assert.ok((await queueNames()).includes('dq1'))
  })

  it('del queue names the alternate exchange its messages would go to', async () => {
    assert.deepEqual(await config(broker, 'add', 'queue', 'dq2', '--alternate-exchange', 'amq.fanout'), ok())
    await fill('dq2', 1)
    assert.deepEqual(
      await config(broker, 'del', 'queue', 'dq2', '--force', '--dry-run'),
      ok('would delete queue dq2 holding 1 message (rerouted to exchange amq.fanout), 0 consumers\n'),
    )
  })

  it('del exchange: bindings, an exchange in use as alternate, the default exchange', async () => {
    assert.deepEqual(await config(broker, 'add', 'exchange', 'topic', 'dx1'), ok())
    assert.deepEqual(await config(broker, 'add', 'queue', 'dxq'), ok())
    assert.deepEqual(await config(broker, 'bind', 'dx1', 'dxq', 'a.#'), ok())
    assert.deepEqual(await config(broker, 'bind', 'dx1', 'dxq', 'b.#'), ok())
    assert.deepEqual(
      await config(broker, 'del', 'exchange', 'dx1', '--dry-run'),
      ok('would delete topic exchange dx1 and its 2 bindings\n'),
    )
    assert.deepEqual(await config(broker, 'add', 'exchange', 'fanout', 'dx-alt'), ok())
    assert.deepEqual(await config(broker, 'add', 'queue', 'dxq2', '--alternate-exchange', 'dx-alt'), ok())
    assert.deepEqual(
      await config(broker, 'del', 'exchange', 'dx-alt', '--dry-run'),
      failed('would fail: exchange dx-alt is the alternate exchange of queue dxq2'),
    )
    assert.deepEqual(
      await config(broker, 'del', 'exchange', '', '--dry-run'),
      failed('would fail: the default exchange cannot be deleted'),
    )
    const listing = await config(broker, 'exchanges', 'dx1', '-r')
    assert.match(listing.stdout, /bind \[a\.#\] => dxq\n.*bind \[b\.#\] => dxq/s)
  })

  it('unbind and del binding: the binding, or that there is none', async () => {
    assert.deepEqual(await config(broker, 'add', 'queue', 'duq'), ok())
    assert.deepEqual(await config(broker, 'bind', 'amq.direct', 'duq', 'k1'), ok())
    assert.deepEqual(
      await config(broker, 'unbind', 'amq.direct', 'duq', 'k1', '--dry-run'),
      ok("would unbind queue duq from exchange amq.direct with key 'k1'\n"),
    )
    assert.deepEqual(
      await config(broker, 'del', 'binding', 'amq.direct/duq/k1', '--dry-run'),
      ok("would unbind queue duq from exchange amq.direct with key 'k1'\n"),
    )
    assert.deepEqual(
      await config(broker, 'unbind', 'amq.direct', 'duq', 'k2', '--dry-run'),
      ok("would change nothing: queue duq is not bound to exchange amq.direct with key 'k2'\n"),
    )
    assert.deepEqual(
      await config(broker, 'unbind', 'amq.direct', 'nosuch', '--dry-run'),
      failed('would fail: queue nosuch does not exist'),
    )
    assert.match((await config(broker, 'exchanges', 'amq.direct', '-r')).stdout, /bind \[k1\] => duq/)
  })

  it('shutdown: what the broker holds; it keeps running', async () => {
    const r = await config(broker, 'shutdown', '--dry-run')
    assert.equal(r.code, 0)
    assert.match(
      r.stdout,
      new RegExp(
        `^would shut down the broker at ${broker.address} \\(\\d[\\d,]* messages in \\d+ queues, 1 other connection\\)\n$`,
      ),
    )
    assert.equal((await config(broker, 'queues')).code, 0)
  })
})

describe('confirmation', () => {
  it('in a pseudo-terminal, deleting a queue that holds messages asks first; no keeps it', async (t) => {
    assert.deepEqual(await config(broker, 'add', 'queue', 'cq1'), ok())
    await fill('cq1', 3)
    const r = await inPty(t, ['del', 'queue', 'cq1', '--force'], 'n\r')
    assert.equal(r.code, 1)
    assert.match(plain(r.output), /✔ Delete queue cq1 and the 3 messages it holds\? No\n/)
    assert.match(plain(r.output), /Cancelled: nothing was changed\n$/)
    assert.ok((await queueNames()).includes('cq1'))

    const yes = await inPty(t, ['del', 'queue', 'cq1', '--force'], 'y\r')
    assert.equal(yes.code, 0)
    assert.match(plain(yes.output), /✔ Delete queue cq1 and the 3 messages it holds\? Yes\n/)
    assert.ok(!(await queueNames()).includes('cq1'))
  })

  it('--yes, an empty queue and a refused deletion ask nothing', async (t) => {
    assert.deepEqual(await config(broker, 'add', 'queue', 'cq2'), ok())
    await fill('cq2', 2)
    const refused = await inPty(t, ['del', 'queue', 'cq2'])
    assert.equal(refused.code, 1)
    assert.match(plain(refused.output), /^Failed: Exception: .*queue not empty/)
    const yes = await inPty(t, ['del', 'queue', 'cq2', '--force', '--yes'])
    assert.deepEqual(yes, { code: 0, output: '' })
    assert.deepEqual(await config(broker, 'add', 'queue', 'cq3'), ok())
    assert.deepEqual(await inPty(t, ['del', 'queue', 'cq3']), { code: 0, output: '' })
    assert.ok(!(await queueNames()).some((n) => n === 'cq2' || n === 'cq3'))
  })

  it('in a pipe nothing is asked: the queue and its messages go at once, as with the original', async () => {
    assert.deepEqual(await config(broker, 'add', 'queue', 'cq4'), ok())
    await fill('cq4', 2)
    assert.deepEqual(await run('qpid-config', ['-b', broker.address, 'del', 'queue', 'cq4', '--force']), ok())
    assert.ok(!(await queueNames()).includes('cq4'))
  })

  it('Ctrl-C at the question exits 130 and changes nothing', async (t) => {
    assert.deepEqual(await config(broker, 'add', 'queue', 'cq5'), ok())
    await fill('cq5', 1)
    const r = await inPty(t, ['del', 'queue', 'cq5', '--force'], '\x03')
    assert.equal(r.code, 130)
    assert.ok((await queueNames()).includes('cq5'))
  })
})

describe('shutdown confirmation', () => {
  it('no keeps the broker running; yes stops it', async (t) => {
    const b = await startBroker(t)
    const args = ['-b', b.address, 'shutdown']
    const no = await runInTerminal(t, 'qpid-config', args, [{ after: /\(y\/N\)/, keys: 'n\r' }])
    assert.equal(no.code, 1)
    assert.match(
      plain(no.output),
      new RegExp(`✔ Shut down the broker at ${b.address} \\(no messages, 0 other connections\\)\\? No\n`),
    )
    assert.equal((await config(b, 'queues')).code, 0)

    const exited = new Promise((resolve) => b.process.once('exit', resolve))
    const yes = await runInTerminal(t, 'qpid-config', args, [{ after: /\(y\/N\)/, keys: 'y\r' }])
    assert.equal(yes.code, 0)
    await exited
  })
})
