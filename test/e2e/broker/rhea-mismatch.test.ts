// A qpidd-ref started on a rhea without the internals its patches replace stops at once with one
// line and status 1, before listening (the rhea here is altered in-process by an --import hook).
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { run } from '../../helpers/run.js'

const ALTER_RHEA = [
  "import { createRequire } from 'node:module'",
  "const require = createRequire(process.cwd() + '/')",
  "delete require('rhea/lib/session.js').prototype.remove_link",
].join('\n')

test('a rhea with other internals: one line on stderr, exit status 1, nothing on stdout', async () => {
  const r = await run('qpidd-ref', ['--port', '0', '--no-data-dir'], {
    env: { NODE_OPTIONS: `--import=data:text/javascript,${encodeURIComponent(ALTER_RHEA)}` },
  })
  assert.deepEqual(
    [r.code, r.stdout, r.stderr],
    [1, '', 'qpidd-ref: rhea 3.0.5 does not have the internals these patches replace: Session.remove_link() missing\n'],
  )
})
