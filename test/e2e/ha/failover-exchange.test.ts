// amq.failover on an HA cluster member (ha.md §6.9, goldens 30 and 32): listed by qpid-config as
// the real broker lists it, and a queue bound to it is told the cluster's client-facing URL when it
// binds and again when the URL changes.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import rhea from 'rhea'
import { activeCluster, suiteScope } from '../../helpers/ha-cluster.js'
import { run } from '../../helpers/run.js'

const scope = suiteScope()
let primary: string
before(async () => {
  const cluster = await activeCluster(scope.t, 1)
  primary = cluster.brokers[0].address
})
after(() => scope.stopAll())

/** Takes `n` messages from `queue` and returns their `amq.failover` application property. */
async function failoverUrls(queue: string, n: number): Promise<string[]> {
  const [host, port] = primary.split(':')
  const conn = rhea.create_container().connect({ host, port: Number(port), reconnect: false })
  try {
    const receiver = conn.open_receiver({ source: { address: queue }, credit_window: n })
    const urls: string[] = []
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`got ${urls.length} of ${n} messages from ${queue}`)), 10000)
      receiver.on('message', (ctx) => {
        urls.push(String(ctx.message?.application_properties?.['amq.failover']))
        if (urls.length === n) {
          clearTimeout(timer)
          resolve()
        }
      })
    })
    return urls
  } finally {
    conn.close()
  }
}

describe('amq.failover', () => {
  it('is listed like the real broker lists it (goldens 30, 32)', async () => {
    const overview = await run('qpid-config', ['-b', primary])
    assert.equal(overview.code, 0)
    assert.match(overview.stdout, /^Total Exchanges: 9\n {9}direct: 3\n {3}amq\.failover: 1\n/)
    const exchanges = await run('qpid-config', ['-b', primary, 'exchanges', 'amq.failover'])
    assert.deepEqual(exchanges, {
      code: 0,
      stdout: [
        'Type      Exchange Name  Attributes',
        '=============================================',
        'amq.failoveramq.failover  ',
        '',
      ].join('\n'),
      stderr: '',
    })
  })

  it('tells a bound queue the cluster URL, and again when the public URL changes', async () => {
    assert.equal((await run('qpid-config', ['-b', primary, 'add', 'queue', 'fo-urls'])).code, 0)
    assert.equal((await run('qpid-config', ['-b', primary, 'bind', 'amq.failover', 'fo-urls'])).code, 0)
    const set = await run('qpid-ha', ['set', '-b', primary, '--public-url', '127.0.0.1:9999'])
    assert.deepEqual(set, { code: 0, stdout: '', stderr: '' })
    assert.deepEqual(await failoverUrls('fo-urls', 2), [`amqp:tcp:${primary}`, 'amqp:tcp:127.0.0.1:9999'])
  })
})
