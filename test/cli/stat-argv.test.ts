import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseArgv } from '../../src/cli/optparse.js'
import { qpidStat } from '../../src/cli/qpid-stat/definition.js'
import { QPID_STAT_OPTIONS } from '../../src/cli/qpid-stat/options.js'
import { expandWatch } from '../../src/cli/watch-option.js'

const parse = (argv: string[]) => qpidStat.parse!(argv)

describe('qpid-stat argv', () => {
  it('a bare --watch (or a prefix of it) means --watch=2 and never takes the next word', () => {
    assert.deepEqual(expandWatch(['-q', '--watch', 'q1']), ['-q', '--watch=2', 'q1'])
    assert.deepEqual(expandWatch(['--wa', '--w']), ['--watch=2', '--watch=2'])
    assert.deepEqual(expandWatch(['--watch=5', '--watcher']), ['--watch=5', '--watcher'])
    assert.deepEqual(expandWatch(['--', '--watch']), ['--', '--watch'])
    assert.equal(parse(['-q', '--watch=0.5']).options.watch, 0.5)
    assert.equal(parse(['-q', '--watch']).options.watch, 2)
  })
  it('folds the view options into show; the last one wins', async () => {
    for (const [argv, show, names] of [
      [['-q', '-g'], 'g', []],
      [['-gq', 'q1'], 'q', ['q1']],
      [['--acl', '-u'], 'u', []],
      [['-qS', 'msgIn', '-L5', '-m'], 'm', []],
      [['--conn'], 'c', []],
    ] as const) {
      const parsed = parse([...argv])
      const route = await qpidStat.route(parsed)
      assert.equal(typeof route, 'object')
      assert.equal(parsed.options.show, show, argv.join(' '))
      assert.deepEqual(route && typeof route === 'object' ? route.args : undefined, names)
      for (const view of ['general', 'queues', 'acl', 'subscriptions', 'memory', 'connections']) {
        assert.equal(view in parsed.options, false)
      }
    }
  })
  it('keeps the clustered option values', () => {
    const p = parseArgv(['-qS', 'msgIn', '-L5', '-It3', '-bh:1'], QPID_STAT_OPTIONS)
    assert.deepEqual(p.options, {
      queues: true,
      'sort-by': 'msgIn',
      limit: 5,
      increasing: true,
      timeout: 3,
      broker: 'h:1',
    })
  })
})
