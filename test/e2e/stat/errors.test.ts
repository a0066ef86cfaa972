// qpid-stat's usage errors, connection failures and deadlines, through the real executable.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { createServer, type Server } from 'node:net'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import rhea from 'rhea'
import { extensionsHelp } from '../../../src/cli/extensions-help.js'
import { QPID_STAT_OPTIONS } from '../../../src/cli/qpid-stat/options.js'
import { ROOT, startBroker } from '../../helpers/broker.js'
import { goldenStdout } from '../../helpers/golden.js'
import { closedPort } from '../../helpers/ports.js'
import { run } from '../../helpers/run.js'

const USAGE = `Usage: qpid-stat -g [options]
       qpid-stat -c [options]
       qpid-stat -e [options]
       qpid-stat -q [options] [queue-name]
       qpid-stat -u [options]
       qpid-stat -m [options]
       qpid-stat --acl [options]
`
const usageError = (message: string) => `${USAGE}\nqpid-stat: error: ${message}\n`

// the original's help byte for byte, then the Extensions section
const HELP = goldenStdout('82-qpid-stat-help.txt') + extensionsHelp('qpid-stat', QPID_STAT_OPTIONS)

function listen(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  )
}

describe('qpid-stat usage errors (optparse)', () => {
  it('no view option: usage and the original message on stderr, exit 2 (golden 79)', async () => {
    const r = await run('qpid-stat', ['-b', '127.0.0.1:1'])
    assert.deepEqual(r, {
      code: 2,
      stdout: '',
      stderr: usageError(
        'You must specify one of these options: -g, -c, -e, -q, -m, or -u. For details, try $ qpid-stat --help',
      ),
    })
  })

  it('--help, also after other options and abbreviated (golden 82)', async () => {
    for (const args of [['--help'], ['-q', '-h'], ['--hel'], ['-b', 'x', '-qh']]) {
      assert.deepEqual(await run('qpid-stat', args), { code: 0, stdout: HELP, stderr: '' }, args.join(' '))
    }
  })

  it('unknown and ambiguous options, bad integers, --ssl-key alone', async () => {
    const cases: Array<[string[], string]> = [
      [['-x'], 'no such option: -x'],
      [['-q', '--nosuch'], 'no such option: --nosuch'],
      [['--h'], 'ambiguous option: --h (--ha-admin, --help?)'],
      [['-q', '-L', 'ten'], "option -L: invalid integer value: 'ten'"],
      [['-q', '-t'], '-t option requires 1 argument'],
      [['-q', '--ha-admin=1'], '--ha-admin option does not take a value'],
      [['-q', '--ssl-key', 'k.pem'], "missing '--ssl-certificate' (required by '--ssl-key')"],
      [['-q', '--watch=soon'], "option --watch: invalid floating-point value: 'soon'"],
    ]
    for (const [args, message] of cases) {
      assert.deepEqual(
        await run('qpid-stat', args),
        { code: 2, stdout: '', stderr: usageError(message) },
        args.join(' '),
      )
    }
  })
})

describe('qpid-stat connection failures', () => {
  it('connection refused (golden 83)', async () => {
    const port = await closedPort()
    const r = await run('qpid-stat', ['-b', `127.0.0.1:${port}`, '-q'])
    assert.deepEqual(r, { code: 1, stdout: 'Failed: ConnectError - [Errno 111] Connection refused\n', stderr: '' })
  })

  it('an address that is not a qpid URL', async () => {
    const r = await run('qpid-stat', ['-b', 'a@b@c', '-g'])
    assert.deepEqual(r, { code: 1, stdout: 'Failed: ValueError - a@b@c\n', stderr: '' })
  })

  describe('a peer that accepts TCP and never speaks', () => {
    const sockets = new Set<import('node:net').Socket>()
    const server = createServer((s) => sockets.add(s))
    let port = 0
    before(async () => {
      port = await listen(server)
    })
    after(() => {
      for (const s of sockets) s.destroy()
      server.close()
    })
    it('gives up after -t seconds instead of hanging', async () => {
      const started = Date.now()
      const r = await run('qpid-stat', ['-b', `127.0.0.1:${port}`, '-q', '-t', '1'], { timeoutMs: 8000 })
      assert.deepEqual(r, { code: 1, stdout: 'Failed: ConnectError - timed out\n', stderr: '' })
      assert.ok(Date.now() - started < 5000)
    })
  })

  describe('an AMQP peer that opens everything and never answers QMF', () => {
    const container = rhea.create_container({ id: 'silent-broker' })
    let listener: Server
    let port = 0
    before(async () => {
      container.on('sender_open', (ctx) => ctx.sender?.set_source?.({ address: 'reply-queue' }))
      listener = container.listen({ port: 0, host: '127.0.0.1' }) as unknown as Server
      await new Promise<void>((r) => listener.once('listening', () => r()))
      port = (listener.address() as { port: number }).port
    })
    after(() => listener.close())
    it('Ctrl-C while waiting: an empty line, as the original, and exit 130', { timeout: 20_000 }, async () => {
      const asked = new Promise<void>((resolve) => container.once('message', () => resolve()))
      const child = spawn(process.execPath, [join(ROOT, 'bin/qpid-stat.js'), '-b', `127.0.0.1:${port}`, '-q'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      let out = ''
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        out += d
      })
      // interrupt once the tool is connected and waiting for its first answer
      await asked
      child.kill('SIGINT')
      const code = await new Promise((r) => child.on('close', r))
      assert.deepEqual([code, out], [130, '\n'])
    })
    it('fails with the reply deadline of -t', async () => {
      const r = await run('qpid-stat', ['-b', `127.0.0.1:${port}`, '-e', '-t', '1'], { timeoutMs: 8000 })
      assert.deepEqual(r, { code: 1, stdout: 'Failed: Timeout - no response from broker within 1 s\n', stderr: '' })
    })
  })
})

describe('qpid-stat option handling on a live broker', () => {
  it('the last view option wins, clusters and abbreviations work', async (t) => {
    const broker = await startBroker(t)
    const title = async (...args: string[]) =>
      (await run('qpid-stat', ['-b', broker.address, ...args])).stdout.split('\n')[0]
    assert.equal(await title('-q', '-g'), 'Broker Summary:')
    assert.equal(await title('-gq'), 'Queues')
    assert.equal(await title('--subs'), 'Subscriptions')
    assert.equal(await title('--conn', '-m', '--exch'), 'Exchanges')
    assert.equal(await title('-eS', 'exchange', '-IL1'), 'Exchanges')
    assert.equal(await title('--acl', '-b', broker.address), 'ACL Policy Module is not installed')
    // ascending by name, one row: the default exchange (named ''); its figures count the QMF
    // replies to the runs above, so only the row's shape is checked here
    const sorted = await run('qpid-stat', ['-eS', 'exchange', '-IL1', `-b${broker.address}`])
    const lines = sorted.stdout.split('\n')
    assert.deepEqual(lines.slice(0, 3), [
      'Exchanges',
      '  exchange  type    dur  bind  msgIn  msgOut  msgDrop  byteIn  byteOut  byteDrop',
      `  ${'='.repeat(80)}`,
    ])
    assert.match(lines[3], /^ {12}direct {10}1 /)
    assert.equal(lines.length, 5)
  })
})
