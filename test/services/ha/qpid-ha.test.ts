// qpid-ha against in-process QMF responders: exact output and exit codes of every command
// (spawned executable, compared with the golden transcripts' shapes), and deadlines.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { golden } from '../../helpers/golden.js'
import { type Responder, startHungPeer, startResponder } from '../../helpers/ha-responder.js'
import { run } from '../../helpers/run.js'

const ID = [
  '8f6a6d81-af78-4fad-9b19-b30718ec9972',
  '87212764-8384-4d3f-9711-70c10d9169fa',
  '3a8ea764-cafc-4075-bebd-f632591251c0',
]

describe('qpid-ha without a broker', () => {
  for (const [args, file] of [
    [[], '20-qpid-ha-no-args.txt'],
    [['--help'], '21-qpid-ha-help.txt'],
  ] as const) {
    it(`qpid-ha ${args.join(' ')} matches ${file}`, async () => {
      const g = golden(file)
      const r = await run('qpid-ha', [...args])
      // --help: the original's text byte for byte, then the Extensions section
      const extensions = r.stdout.slice(g.stdout.length)
      assert.equal(r.stdout.slice(0, g.stdout.length), g.stdout)
      if (args.length === 0) assert.equal(extensions, '')
      else assert.match(extensions, /^\nExtensions \(not in the original qpid-ha; docs\/compat\.md\):\n {2}--version /)
      assert.equal(r.stderr, '')
      assert.equal(r.code, g.code)
    })
  }

  it('refuses promote without --cluster-manager (golden 04)', async () => {
    const g = golden('04-qpid-ha-promote-without-cluster-manager-flag.txt')
    const r = await run('qpid-ha', ['promote', '-b', '127.0.0.1:1'])
    assert.deepEqual([r.stdout, r.code], [g.stdout, g.code])
  })

  it('prints the command help and exits 1 on a wrong argument count (golden 100)', async () => {
    const g = golden('100-sa-qpid-ha-replicate-wrong-args.txt')
    const r = await run('qpid-ha', ['replicate', '-b', '127.0.0.1:1', 'rq2'])
    assert.deepEqual([r.stdout, r.code], [g.stdout, g.code])
  })

  it('lists promote only with --cluster-manager, and help-all prints every command help', async () => {
    const r = await run('qpid-ha', ['--help', '--cluster-manager'])
    assert.match(r.stdout, /\n {2}promote {6}\[Cluster manager only\] Promote a backup broker to primary\.\n/)
    const all = await run('qpid-ha', ['help-all'])
    assert.equal(all.stdout.match(/^Usage: /gm)?.length, 4)
    assert.equal(all.code, 0)
  })

  it('reports optparse errors with the command usage on stderr, exit 2', async () => {
    const r = await run('qpid-ha', ['query', '--is-primary'])
    assert.equal(r.stdout, '')
    assert.equal(
      r.stderr,
      'Usage: query [options] \n\nPrint HA configuration and status\n\nqpid-ha: error: no such option: --is-primary\n',
    )
    assert.equal(r.code, 2)
    const k = await run('qpid-ha', ['status', '--ssl-key', 'k'])
    assert.match(k.stderr, /qpid-ha: error: missing '--ssl-certificate' \(required by '--ssl-key'\)\n$/)
    assert.equal(k.code, 2)
  })

  it('reports an unreachable broker as the Python tool does (golden 151)', async () => {
    const r = await run('qpid-ha', ['status', '-b', '127.0.0.1:1'])
    assert.deepEqual([r.stdout, r.code], ['ConnectError: [Errno 111] Connection refused\n', 1])
  })

  it('gives up on a hung broker within --timeout', async () => {
    const hung = await startHungPeer()
    try {
      const t0 = Date.now()
      const r = await run('qpid-ha', ['status', '-b', hung.address, '--timeout', '1'], { timeoutMs: 8000 })
      assert.equal(r.stdout, 'ConnectError: timed out\n')
      assert.equal(r.code, 1)
      assert.ok(Date.now() - t0 < 5000)
    } finally {
      await hung.close()
    }
  })
})

describe('qpid-ha against QMF responders', () => {
  const brokers: Responder[] = []
  let url = ''
  before(async () => {
    for (const id of ID) {
      brokers.push(
        await startResponder({
          status: 'joining',
          brokersUrl: '',
          publicUrl: '',
          replicateDefault: 'none',
          systemId: id,
        }),
      )
    }
    url = `amqp:${brokers.map((b) => `tcp:${b.address}`).join(',')}`
    for (const b of brokers) b.state!.brokersUrl = url
  })
  after(async () => {
    for (const b of brokers) await b.close()
  })
  const [p] = [0]

  it('status prints the status word, as admin', async () => {
    brokers[p].state!.status = 'active'
    const r = await run('qpid-ha', ['status', '-b', brokers[p].address])
    assert.deepEqual([r.stdout, r.stderr, r.code], ['active\n', '', 0])
    assert.ok('qpid.ha-admin' in brokers[p].opens.at(-1)!)
  })

  it('status --all lists every broker in brokers-URL order (golden 10 shape)', async () => {
    brokers[1].state!.status = 'ready'
    brokers[2].state!.status = 'ready'
    const r = await run('qpid-ha', ['status', '-b', brokers[2].address, '--all'])
    const want = brokers.map((b, i) => `${b.address} ${['active', 'ready', 'ready'][i]}\n`).join('')
    assert.deepEqual([r.stdout, r.code], [want, 0])
  })

  it('query prints the five lines (golden 13 shape) and query --all one block per broker (golden 14)', async () => {
    const r = await run('qpid-ha', ['query', '-b', brokers[0].address])
    assert.equal(
      r.stdout,
      `Status:              active\nBroker ID:           ${ID[0]}\nBrokers URL:         ${url}\nPublic URL:          \nReplicate:           none\n`,
    )
    const all = await run('qpid-ha', ['query', '-b', brokers[1].address, '--all'])
    const g = golden('14-qpid-ha-query-all-backup.txt').stdout.replaceAll(
      /127\.0\.0\.1:2567(\d)/g,
      (_m, d) => brokers[Number(d) - 2].address,
    )
    assert.deepEqual([all.stdout, all.code], [g, 0])
  })

  it('--expect and --is-primary print nothing and answer with the exit code', async () => {
    const cases: Array<[string[], number, number]> = [
      [['--expect=active'], 0, 0],
      [['--expect=active'], 1, 1],
      [['--expect=primary'], 0, 1],
      [['--is-primary'], 0, 0],
      [['--is-primary'], 1, 1],
    ]
    for (const [opt, i, code] of cases) {
      const r = await run('qpid-ha', ['status', '-b', brokers[i].address, ...opt])
      assert.deepEqual([r.stdout, r.code], ['', code], `${opt} on ${i}`)
    }
    brokers[0].state!.status = 'recovering'
    const rec = await run('qpid-ha', ['status', '-b', brokers[0].address, '--is-primary'])
    brokers[0].state!.status = 'active'
    assert.equal(rec.code, 0)
  })

  it('promote, replicate (original argument order) and set call the HA methods', async () => {
    const b = brokers[1]
    b.calls.length = 0
    // --force: broker 0 of these responders is active, and this test is about the method call
    assert.equal((await run('qpid-ha', ['--cluster-manager', 'promote', '-b', b.address, '--force'])).code, 0)
    assert.equal((await run('qpid-ha', ['replicate', '-b', b.address, 'src:5672', 'q1'])).code, 0)
    const set = await run('qpid-ha', ['set', '-b', b.address, '--brokers-url', 'h1,h2', '--public-url', 'vip'])
    assert.equal(set.code, 0)
    assert.deepEqual(b.calls, [
      { method: 'promote', args: {} },
      { method: 'replicate', args: { broker: 'src:5672', queue: 'q1' } },
      { method: 'setBrokersUrl', args: { url: 'h1,h2' } },
      { method: 'setPublicUrl', args: { url: 'vip' } },
    ])
  })

  it('prints an agent exception as Exception: Exception from Agent: {...} (golden 97 shape)', async () => {
    const b = brokers[1]
    b.failWith = 'Still catching up, cannot be promoted.'
    const r = await run('qpid-ha', ['promote', '-b', b.address, '--cluster-manager', '--force'])
    b.failWith = undefined
    assert.deepEqual(
      [r.stdout, r.code],
      [
        "Exception: Exception from Agent: {'error_code': 7, 'error_text': 'Still catching up, cannot be promoted.'}\n",
        1,
      ],
    )
  })

  it('--all says which brokers could not be reached and still answers for the rest', async () => {
    const hung = await startHungPeer()
    const lone = await startResponder({
      status: 'active',
      brokersUrl: '',
      publicUrl: '',
      replicateDefault: 'all',
      systemId: ID[0],
    })
    try {
      lone.state!.brokersUrl = `amqp:tcp:${lone.address},tcp:127.0.0.1:1,tcp:${hung.address}`
      const t0 = Date.now()
      const r = await run('qpid-ha', ['status', '-b', lone.address, '--all', '--timeout', '1'], { timeoutMs: 8000 })
      assert.equal(
        r.stdout,
        `${lone.address} active\n127.0.0.1:1 [Errno 111] Connection refused\n${hung.address} timed out\n`,
      )
      assert.equal(r.code, 0)
      assert.ok(Date.now() - t0 < 5000, 'brokers are queried in parallel, each with its own deadline')
      const q = await run('qpid-ha', ['query', '-b', lone.address, '--all', '--timeout', '1'], { timeoutMs: 8000 })
      assert.ok(
        q.stdout.endsWith(`127.0.0.1:1 [Errno 111] Connection refused\n\n${hung.address} timed out\n\n`),
        q.stdout,
      )
      const p = await run('qpid-ha', ['ping', '-b', hung.address, '--timeout', '1'], { timeoutMs: 8000 })
      assert.deepEqual([p.stdout, p.code], ['ConnectError: timed out\n', 1])
    } finally {
      await hung.close()
      await lone.close()
    }
  })

  it('takes port and timeout defaults from --config qpidd.conf', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qpid-ha-conf-'))
    const hung = await startHungPeer()
    try {
      writeFileSync(join(dir, 'ok.conf'), `# comment\nport=${brokers[0].port}\nha-username = admin\n`)
      const r = await run('qpid-ha', ['status', '-b', '127.0.0.1', '--config', join(dir, 'ok.conf')])
      assert.deepEqual([r.stdout, r.code], ['active\n', 0])
      writeFileSync(join(dir, 'hb.conf'), `port=${hung.address.split(':')[1]}\nlink-heartbeat-interval=1\n`)
      const t0 = Date.now()
      const h = await run('qpid-ha', ['status', '-b', '127.0.0.1', '--config', join(dir, 'hb.conf')], {
        timeoutMs: 8000,
      })
      assert.deepEqual([h.stdout, h.code], ['ConnectError: timed out\n', 1])
      assert.ok(Date.now() - t0 < 5000, 'the heartbeat interval is the timeout')
    } finally {
      await hung.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('reports a broker without the HA module (golden 150/155)', async () => {
    const plain = await startResponder(undefined)
    try {
      for (const cmd of ['status', 'query']) {
        const r = await run('qpid-ha', [cmd, '-b', plain.address])
        assert.deepEqual([r.stdout, r.code], [`Exception: HA module is not loaded on broker at ${plain.address}\n`, 1])
      }
      assert.equal((await run('qpid-ha', ['ping', '-b', plain.address])).code, 0)
    } finally {
      await plain.close()
    }
  })
})

describe('qpid-ha --help tells the truth about --timeout', () => {
  it('the Extensions section says --timeout 0 keeps 10 s, and a hung broker is given up within it', async (t) => {
    for (const args of [['--help'], ['status', '--help']]) {
      const r = await run('qpid-ha', args)
      assert.match(
        r.stdout.replaceAll('\n ', ''),
        /--timeout=0, or less, does not wait forever: it keeps the default 10 s/,
      )
    }
    const peer = await startHungPeer()
    t.after(() => peer.close())
    const started = Date.now()
    const r = await run('qpid-ha', ['status', '-b', peer.address, '--timeout', '0'], { timeoutMs: 20000 })
    const seconds = (Date.now() - started) / 1000
    assert.equal(r.code, 1)
    assert.ok(seconds >= 9.5 && seconds < 15, `gave up after ${seconds} s`)
  })
})
