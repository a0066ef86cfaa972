// Input and output hygiene (not in the originals, docs/compat.md): empty names and names with
// control characters are refused before connecting, and whatever a broker returns is printed
// with its control characters escaped, so a name cannot drive the operator's terminal.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { startBroker } from '../../helpers/broker.js'
import { createQueue } from '../../helpers/ha-cluster.js'
import { run } from '../../helpers/run.js'

const EMPTY = 'a name must not be empty'
const CONTROL = 'a name must not contain control characters'

test('qpid-config refuses empty names and control characters, and creates nothing', async (t) => {
  const b = await startBroker(t)
  const config = (...args: string[]) => run('qpid-config', ['-b', b.address, ...args])
  const failed = (line: string) => ({ code: 1, stdout: `Failed: ValueError: ${line}\n`, stderr: '' })
  assert.deepEqual(await config('add', 'queue', ''), failed(`Invalid queue name '': ${EMPTY}`))
  assert.deepEqual(await config('add', 'queue', 'a\x1b[31mb'), failed(`Invalid queue name 'a\\x1b[31mb': ${CONTROL}`))
  assert.deepEqual(
    await config('add', 'exchange', 'topic', 'x\x9b'),
    failed(`Invalid exchange name 'x\\x9b': ${CONTROL}`),
  )
  assert.deepEqual(await config('del', 'queue', ''), failed(`Invalid queue name '': ${EMPTY}`))
  assert.deepEqual(await config('add', 'queue', 'q1'), { code: 0, stdout: '', stderr: '' })
  assert.deepEqual(await config('bind', 'amq.direct', 'q1', 'k\n'), failed(`Invalid binding key 'k\\n': ${CONTROL}`))
  // an empty binding key is the default key, as before
  assert.deepEqual(await config('bind', 'amq.direct', 'q1', ''), { code: 0, stdout: '', stderr: '' })
  const queues = await config('queues')
  assert.deepEqual(
    queues.stdout
      .split('\n')
      .slice(2)
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.includes('_0.0')),
    ['q1'],
    'only q1 was created',
  )
})

test('names a broker returns are printed with their control characters escaped', async (t) => {
  const b = await startBroker(t)
  await createQueue(b.address, 'evil\x1b]0;owned\x07')
  const listed = await run('qpid-config', ['-b', b.address, 'queues', 'evil'])
  assert.equal(listed.code, 0)
  assert.match(listed.stdout, /^evil\\x1b\]0;owned\\x07 *$/m)
  assert.doesNotMatch(listed.stdout, /\x1b/)
  const stat = await run('qpid-stat', ['-b', b.address, '-q'])
  assert.match(stat.stdout, /evil\\x1b\]0;owned\\x07/)
  assert.doesNotMatch(stat.stdout, /\x1b/)
  const json = await run('qpid-config', ['-b', b.address, 'queues', 'evil', '--json'])
  assert.equal(JSON.parse(json.stdout).queues[0].name, 'evil\x1b]0;owned\x07')
})

test('qpid-route and qpid-ha refuse them too, each in its own error format', async (t) => {
  const b = await startBroker(t)
  const route = await run('qpid-route', ['route', 'add', b.address, b.address, 'x\x1b', 'k'])
  assert.deepEqual(route, {
    code: 1,
    stdout: `Failed: ValueError - Invalid exchange name 'x\\x1b': ${CONTROL}\n`,
    stderr: '',
  })
  const queue = await run('qpid-route', ['queue', 'add', b.address, b.address, 'amq.direct', 'q\x07'])
  assert.deepEqual(queue, {
    code: 1,
    stdout: `Failed: ValueError - Invalid queue name 'q\\x07': ${CONTROL}\n`,
    stderr: '',
  })
  const ha = await run('qpid-ha', ['replicate', '-b', b.address, b.address, ''])
  assert.deepEqual(ha, { code: 1, stdout: `ValueError: Invalid queue name '': ${EMPTY}\n`, stderr: '' })
})
