// qpid-config without a broker: help, optparse errors, checks made before connecting, and
// connection failures, through the real executable.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { createServer, type Socket } from 'node:net'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import rhea from 'rhea'
import { extensionsHelp } from '../../../src/cli/extensions-help.js'
import { QPID_CONFIG_OPTIONS } from '../../../src/cli/qpid-config/options.js'
import { ROOT } from '../../helpers/broker.js'
import { config, failed, optparseError } from '../../helpers/config.js'
import { goldenStdout } from '../../helpers/golden.js'
import { closedPort } from '../../helpers/ports.js'
import { run } from '../../helpers/run.js'

describe('qpid-config help and option errors', () => {
  it('--help and -h print the original help (golden 55), even after other words', async () => {
    // the original's help byte for byte, then the Extensions section
    const help = goldenStdout('55-qpid-config-help.txt') + extensionsHelp('qpid-config', QPID_CONFIG_OPTIONS)
    assert.deepEqual(await run('qpid-config', ['--help']), { code: 0, stdout: help, stderr: '' })
    assert.deepEqual(await run('qpid-config', ['queues', '-rh', '--bogus']), { code: 0, stdout: help, stderr: '' })
    assert.deepEqual(await run('qpid-config', ['--he']), { code: 0, stdout: help, stderr: '' })
  })

  it('unknown, ambiguous and valueless options: synopsis and optparse message on stderr, exit 2', async () => {
    const cases: Array<[string[], string]> = [
      [['--bogus'], 'no such option: --bogus'],
      [['queues', '-x'], 'no such option: -x'],
      [['--h'], 'ambiguous option: --h (--ha-admin, --help?)'],
      [['--durable=yes', 'add', 'queue', 'q'], '--durable option does not take a value'],
      [['-b'], '-b option requires 1 argument'],
      [['--bogus', '--help'], 'no such option: --bogus'],
    ]
    for (const [args, message] of cases) {
      assert.deepEqual(
        await run('qpid-config', args),
        { code: 2, stdout: '', stderr: optparseError(message) },
        args.join(' '),
      )
    }
  })

  it('bad integers and choices are optparse errors', async () => {
    assert.deepEqual(await run('qpid-config', ['add', 'queue', 'q', '--max-queue-count', 'x']), {
      code: 2,
      stdout: '',
      stderr: optparseError("option --max-queue-count: invalid integer value: 'x'"),
    })
    assert.deepEqual(await run('qpid-config', ['-t', '09', 'queues']), {
      code: 2,
      stdout: '',
      stderr: optparseError("option -t: invalid integer value: '09'"),
    })
    assert.deepEqual(await run('qpid-config', ['add', 'queue', 'q', '--limit-policy=drop']), {
      code: 2,
      stdout: '',
      stderr: optparseError(
        "option --limit-policy: invalid choice: 'drop' (choose from 'none', 'reject', 'ring', 'ring-strict')",
      ),
    })
  })

  it('--ssl-key without --ssl-certificate is an optparse error, found before connecting', async () => {
    const port = await closedPort()
    assert.deepEqual(await config(`127.0.0.1:${port}`, '--ssl-key', 'k.pem', 'queues'), {
      code: 2,
      stdout: '',
      stderr: optparseError("missing '--ssl-certificate' (required by '--ssl-key')"),
    })
  })

  it('a bad --replicate level is refused before connecting, in one line (golden 152 without the traceback)', async () => {
    const port = await closedPort()
    assert.deepEqual(await config(`127.0.0.1:${port}`, 'add', 'queue', 'qbad', '--replicate', 'bogus'), {
      code: 1,
      stdout: '',
      stderr: "Exception: Invalid replication level 'bogus', should be one of: none, configuration, all\n",
    })
  })
})

describe('qpid-config connection failures', () => {
  it('a closed port: ConnectError, exit 1 (golden 49), also for malformed command words', async () => {
    const port = await closedPort()
    const refused = failed('Failed: ConnectError: [Errno 111] Connection refused')
    assert.deepEqual(await config(`127.0.0.1:${port}`, 'queues'), refused)
    assert.deepEqual(await config(`127.0.0.1:${port}`, 'purge', 'queue', 'q1'), refused)
    assert.deepEqual(await run('qpid-config', ['-a', `127.0.0.1:${port}`, '-b', '127.0.0.1:1']), refused)
  })

  it('an address that is not a qpid URL: ValueError', async () => {
    assert.deepEqual(
      await config('guest:guest@127.0.0.1', 'queues'),
      failed('Failed: ValueError: guest:guest@127.0.0.1'),
    )
    assert.deepEqual(await config('127.0.0.1:99999'), failed('Failed: ValueError: 127.0.0.1:99999'))
  })

  it('unknown --sasl-mechanism is reported as a connection error', async () => {
    const port = await closedPort()
    const r = await config(`127.0.0.1:${port}`, '--sasl-mechanism', 'GSSAPI', 'queues')
    assert.deepEqual(r, failed('Failed: ConnectError: SASL mechanism GSSAPI is not supported by this client'))
  })
})

describe('qpid-config never hangs', () => {
  it('a peer that accepts TCP but never speaks AMQP: the -t deadline ends the connect', async (t) => {
    const sockets = new Set<Socket>()
    const server = createServer((s) => sockets.add(s))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    t.after(() => {
      for (const s of sockets) s.destroy()
      server.close()
    })
    const { port } = server.address() as { port: number }
    const started = Date.now()
    assert.deepEqual(await config(`127.0.0.1:${port}`, '-t', '1', 'queues'), failed('Failed: ConnectError: timed out'))
    assert.ok(Date.now() - started < 5000)
  })

  it('an AMQP peer that never answers QMF: Timeout after -t seconds', async (t) => {
    const container = rhea.create_container({ id: 'silent-peer' })
    container.sasl_server_mechanisms.enable_anonymous()
    container.on('sender_open', (ctx) => ctx.sender.set_source({ address: 'silent-reply', dynamic: true } as any))
    container.on('receiver_open', (ctx) => ctx.receiver.set_target({ address: 'qmf.default.direct' }))
    const listener = container.listen({ host: '127.0.0.1', port: 0 })
    await new Promise<void>((resolve) => listener.once('listening', () => resolve()))
    const sockets = new Set<Socket>()
    listener.on('connection', (s: Socket) => sockets.add(s))
    t.after(() => {
      for (const s of sockets) s.destroy()
      listener.close()
    })
    const { port } = listener.address() as { port: number }
    assert.deepEqual(
      await config(`127.0.0.1:${port}`, '--timeout=1', 'queues'),
      failed('Failed: Timeout: no response from broker within 1 s'),
    )
  })

  it('Ctrl-C while waiting prints an empty line, as the original, and exits 130 (the original: 0)', async (t) => {
    const sockets = new Set<Socket>()
    let connected!: () => void
    const seen = new Promise<void>((resolve) => {
      connected = resolve
    })
    const server = createServer((s) => {
      sockets.add(s)
      connected()
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    t.after(() => {
      for (const s of sockets) s.destroy()
      server.close()
    })
    const { port } = server.address() as { port: number }
    const child = spawn(process.execPath, [join(ROOT, 'bin/qpid-config.js'), '-b', `127.0.0.1:${port}`, 'queues'])
    let stdout = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d
    })
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    await seen
    child.kill('SIGINT')
    assert.equal(await exited, 130)
    assert.equal(stdout, '\n')
  })
})
