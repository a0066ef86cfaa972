// --version on every tool (issue 9 item 10, docs/compat.md): the tool, the project and the version
// of package.json, exit 0, connecting nowhere (optparse rules: anywhere on the command line).
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { ROOT } from '../../helpers/broker.js'
import { closedPort } from '../../helpers/ports.js'
import { run } from '../../helpers/run.js'

const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }

describe('--version', () => {
  const cases: Array<[string, string[]]> = [
    ['qpid-config', ['--version']],
    ['qpid-config', ['queues', '--vers']],
    ['qpid-stat', ['-q', '--version']],
    ['qpid-route', ['link', 'list', '--version']],
    ['qpid-ha', ['--version']],
    ['qpid-ha', ['status', '--version']],
  ]
  for (const [bin, args] of cases) {
    it(`${bin} ${args.join(' ')}`, async () => {
      const port = await closedPort()
      const r = await run(bin, [...args, ...(bin === 'qpid-route' ? [] : ['-b', `127.0.0.1:${port}`])])
      assert.deepEqual(r, { code: 0, stdout: `${bin} (qpid-tools-ts) ${version}\n`, stderr: '' })
    })
  }

  it('qpid-route: --v is now ambiguous, -v still means --verbose', async () => {
    const r = await run('qpid-route', ['--v', 'link', 'list'])
    assert.equal(r.code, 2)
    assert.match(r.stderr, /qpid-route: error: ambiguous option: --v \(--verbose, --version\?\)\n$/)
  })
})
