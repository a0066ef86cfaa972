// The "connection aborted" of an HA backup (issue 9 item 10, docs/compat.md): on a terminal the
// tools add a hint to use --ha-admin; in a pipe the output is the original's alone (golden 05).
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { type RunningBroker, startBroker } from '../../helpers/broker.js'
import { golden } from '../../helpers/golden.js'
import { run } from '../../helpers/run.js'
import { plain, runInTerminal } from '../../helpers/terminal.js'

const HINT = 'Hint: an HA backup broker refuses ordinary connections; use --ha-admin to connect to it\n'

let backup: RunningBroker
before(async () => {
  backup = await startBroker(undefined, { args: ['--ha-cluster', 'yes'] })
})
after(() => backup?.stop())

describe('a backup refuses a connection without --ha-admin', () => {
  it('qpid-config in a pipe: the original line alone (golden 05)', async () => {
    const g = golden('05-qpid-config-on-joining-broker-no-ha-admin.txt')
    assert.deepEqual(await run('qpid-config', ['-b', backup.address, 'queues']), {
      code: g.code,
      stdout: g.stdout,
      stderr: '',
    })
  })

  it('qpid-config and qpid-stat on a terminal: the line, then the hint', async (t) => {
    const config = await runInTerminal(t, 'qpid-config', ['-b', backup.address, 'queues'])
    assert.deepEqual([config.code, plain(config.output)], [1, `Failed: ConnectionError: connection aborted\n${HINT}`])
    const stat = await runInTerminal(t, 'qpid-stat', ['-b', backup.address, '-q'])
    assert.deepEqual([stat.code, plain(stat.output)], [1, `Failed: ConnectionError - connection aborted\n${HINT}`])
  })

  it('with --ha-admin there is nothing to hint', async (t) => {
    const r = await runInTerminal(t, 'qpid-config', ['-b', backup.address, '--ha-admin', 'queues'])
    assert.equal(r.code, 0)
    assert.doesNotMatch(r.output, /Hint/)
  })
})
