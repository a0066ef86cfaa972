// qpid-route through the real executable: usage, help, option errors, connection failures and
// the checks the original made after connecting, against at most one real qpidd-ref.
import assert from 'node:assert/strict'
import { createServer, type Socket } from 'node:net'
import { describe, it } from 'node:test'
import { extensionsHelp } from '../../../src/cli/extensions-help.js'
import { QPID_ROUTE_OPTIONS } from '../../../src/cli/qpid-route/options.js'
import { startBroker } from '../../helpers/broker.js'
import { closedPort } from '../../helpers/ports.js'
import { golden, route, USAGE } from '../../helpers/route.js'

const HELP_OPTIONS = `
ADDRESS syntax:

      [username/password@] hostname
      ip-address [:<port>]

Options:
  -h, --help            show this help message and exit
  --timeout=<secs>      Maximum time to wait for broker connection (in
                        seconds)
  -v, --verbose         Verbose output
  -q, --quiet           Quiet output, don't print duplicate warnings
  -d, --durable         Added configuration shall be durable
  -e, --del-empty-link  Delete link after deleting last route on the link
  -s, --src-local       Make connection to source broker (push route)
  --ack=<n>             Acknowledge transfers over the bridge in batches of N
  --credit=<msgs>       Maximum number of messages a sender can have
                        outstanding (0=unlimited)
  -t <transport>, --transport=<transport>
                        Transport to use for links, defaults to tcp
`

const optparseError = (message: string) => ({ code: 2, stdout: '', stderr: `${USAGE}qpid-route: error: ${message}\n` })

describe('qpid-route without a broker', () => {
  it('no words, or one: the synopsis on stdout, exit 255 (golden 129)', async () => {
    assert.deepEqual(await route(), { code: 255, stdout: USAGE, stderr: '' })
    assert.deepEqual(await route('-v', 'link'), { code: 255, stdout: USAGE, stderr: '' })
  })

  it('--help prints the synopsis, the address syntax and the options, exit 0', async () => {
    const r = await route('link', 'list', '--help', '--bogus')
    assert.equal(r.code, 0)
    assert.equal(r.stderr, '')
    assert.ok(r.stdout.startsWith(USAGE + HELP_OPTIONS), r.stdout)
    // the original's text ends with its last option; the Extensions section follows
    assert.ok(
      r.stdout.endsWith(
        `  --ha-admin            Allow connection to a HA backup broker.\n${extensionsHelp('qpid-route', QPID_ROUTE_OPTIONS)}`,
      ),
    )
  })

  it('option errors: synopsis and the optparse message on stderr, exit 2', async () => {
    assert.deepEqual(await route('--bogus', 'link', 'list'), optparseError('no such option: --bogus'))
    assert.deepEqual(await route('-x'), optparseError('no such option: -x'))
    assert.deepEqual(
      await route('--s'),
      optparseError('ambiguous option: --s (--sasl-service-name, --src-local, --ssl-certificate, --ssl-key?)'),
    )
    assert.deepEqual(await route('--ack', 'many'), optparseError("option --ack: invalid integer value: 'many'"))
    assert.deepEqual(await route('--verbose=1'), optparseError('--verbose option does not take a value'))
    assert.deepEqual(
      await route('--ssl-key', 'k', 'link', 'list'),
      optparseError("missing '--ssl-certificate' (required by '--ssl-key')"),
    )
  })

  it('a broker that refuses the connection: golden 128 with our class name, exit 1', async () => {
    const port = await closedPort()
    const expected = golden('128-qpid-route-bad-broker.txt').replace('ConnectionRefusedError', 'ConnectError')
    assert.deepEqual(await route('link', 'list', `127.0.0.1:${port}`), { code: 1, stdout: expected, stderr: '' })
  })

  it('a broker that accepts the connection and never answers: --timeout bounds the wait', async (t) => {
    const sockets: Socket[] = []
    const hung = createServer((s) => sockets.push(s))
    await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve))
    t.after(() => {
      for (const s of sockets) s.destroy()
      hung.close()
    })
    const { port } = hung.address() as { port: number }
    const started = Date.now()
    assert.deepEqual(await route('--timeout', '1', 'route', 'list', `127.0.0.1:${port}`), {
      code: 1,
      stdout: 'Failed: ConnectError - timed out\n',
      stderr: '',
    })
    assert.ok(Date.now() - started < 5000)
  })

  it('an address that is no qpid URL: ValueError, exit 1', async () => {
    assert.deepEqual(await route('route', 'list', 'a@b@c'), {
      code: 1,
      stdout: 'Failed: ValueError - a@b@c\n',
      stderr: '',
    })
  })

  it('-s with three words: the original failed before connecting (traceback); we print its last line', async () => {
    assert.deepEqual(await route('-s', 'link', 'add', '127.0.0.1:1'), {
      code: 1,
      stdout: '',
      stderr: 'IndexError: list index out of range\n',
    })
  })
})

describe('qpid-route against one broker', () => {
  it('route map reports a linked broker it cannot reach on the line after its address', async (t) => {
    const b = await startBroker(t)
    const port = await closedPort()
    assert.deepEqual(await route('-q', 'link', 'add', b.address, `127.0.0.1:${port}`), {
      code: 0,
      stdout: '',
      stderr: '',
    })
    const map =
      `\nFinding Linked Brokers:\n    ${b.address}... Ok\n    127.0.0.1:${port}...\n[Errno 111] Connection refused\n` +
      '\nDynamic Routes:\n  none found\n\nStatic Routes:\n  none found\n\n\n'
    assert.deepEqual(await route('route', 'map', b.address), { code: 0, stdout: map, stderr: '' })
  })

  it('lists: no links (golden 127), no routes, an empty map', async (t) => {
    const b = await startBroker(t)
    assert.deepEqual(await route('link', 'list', b.address), {
      code: 0,
      stdout: golden('127-qpid-route-link-list-empty.txt'),
      stderr: '',
    })
    assert.deepEqual(await route('route', 'list', b.address), { code: 0, stdout: '', stderr: '' })
    assert.deepEqual(await route('route', 'flush', b.address), { code: 0, stdout: '', stderr: '' })
    const map = `\nFinding Linked Brokers:\n    ${b.address}... Ok\n\nDynamic Routes:\n  none found\n\nStatic Routes:\n  none found\n\n\n`
    assert.deepEqual(await route('route', 'map', b.address), { code: 0, stdout: map, stderr: '' })
    assert.deepEqual(await route('link', 'list', b.address, '--json'), {
      code: 0,
      stdout: `${JSON.stringify({ broker: b.address, links: [] }, null, 2)}\n`,
      stderr: '',
    })
  })

  it('malformed words are judged after connecting: synopsis, exit 255; unknown link words do nothing', async (t) => {
    const b = await startBroker(t)
    for (const words of [
      ['route', 'bogus', b.address],
      ['bogus', 'list', b.address],
      ['link', 'del', b.address],
      ['route', 'add', b.address, '127.0.0.1:1', 'amq.direct'],
      ['queue', 'add', b.address, '127.0.0.1:1', 'amq.direct'],
      ['dynamic', 'del', b.address, '127.0.0.1:1'],
    ]) {
      assert.deepEqual(await route(...words), { code: 255, stdout: USAGE, stderr: '' }, words.join(' '))
    }
    assert.deepEqual(await route('link', 'bogus', b.address), { code: 0, stdout: '', stderr: '' })
    assert.deepEqual(await route('dynamic', 'bogus', b.address), { code: 0, stdout: '', stderr: '' })
  })

  it('errors raised by the tool itself', async (t) => {
    const b = await startBroker(t)
    const port = await closedPort()
    const failed = (text: string) => ({ code: 1, stdout: `Failed: ${text}\n`, stderr: '' })
    assert.deepEqual(
      await route('link', 'add', b.address),
      failed("UnboundLocalError - local variable 'remoteBroker' referenced before assignment"),
    )
    assert.deepEqual(
      await route('link', 'add', b.address, b.address),
      failed('Exception - Linking broker to itself is not permitted'),
    )
    assert.deepEqual(
      await route('route', 'del', b.address, `127.0.0.1:${port}`, 'amq.direct', 'k'),
      failed(`Exception - No link found from 127.0.0.1:${port} to ${b.address}`),
    )
    assert.deepEqual(await route('-q', 'route', 'del', b.address, `127.0.0.1:${port}`, 'amq.direct', 'k'), {
      code: 0,
      stdout: '',
      stderr: '',
    })
    assert.deepEqual(
      await route('dynamic', 'add', '-s', `127.0.0.1:${port}`, b.address, 'amq.topic'),
      failed('Exception - --src-local is not permitted on dynamic routes'),
    )
    assert.deepEqual(await route('link', 'del', b.address, `127.0.0.1:${port}`), failed('Exception - Link not found'))
  })
})
