// Pure HA modules of qpidd-ref: states and transitions, URLs, replication levels, options and
// durations, id ranges, membership adoption, guards and delayed confirmation.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { admit } from '../../../src/broker/ha/admission.js'
import { ConfirmationTracker } from '../../../src/broker/ha/confirmation.js'
import { QueueGuards } from '../../../src/broker/ha/guards.js'
import { fromRanges, parseRanges, toRanges } from '../../../src/broker/ha/id-set.js'
import { bindingReplicated, exchangeLevel, queueLevel, stampedLevel } from '../../../src/broker/ha/levels.js'
import { Membership } from '../../../src/broker/ha/membership.js'
import { readHaConfig, registerHaOptions } from '../../../src/broker/ha/options.js'
import { type BrokerStatus, isLegalTransition, STATUSES, statusCode } from '../../../src/broker/ha/status.js'
import { OptionError, parseArgs } from '../../../src/broker/options.js'
import { parseQpidUrl, qpidUrlText } from '../../../src/protocol/url.js'

describe('HA states', () => {
  it('has the exact strings and numeric codes', () => {
    assert.deepEqual([...STATUSES], ['joining', 'catchup', 'ready', 'recovering', 'active', 'standalone'])
    assert.deepEqual(STATUSES.map(statusCode), [0, 1, 2, 3, 4, 5])
  })

  it('allows only the legal transitions', () => {
    const legal = STATUSES.flatMap((f) => STATUSES.filter((t) => isLegalTransition(f, t)).map((t) => `${f}>${t}`))
    assert.deepEqual(legal, [
      'joining>catchup',
      'joining>recovering',
      'catchup>ready',
      'ready>catchup',
      'ready>recovering',
      'recovering>active',
      'standalone>joining',
    ])
  })
})

describe('HA URLs', () => {
  it('parses the grammar and normalises on output', () => {
    const u = parseQpidUrl('amqp:guest/secret@tcp:h1:1,ssl:h2,rdma:h3:3,h4:4')!
    assert.equal(u.user, 'guest')
    assert.equal(u.password, 'secret')
    assert.equal(qpidUrlText(u), 'amqp:tcp:h1:1,ssl:h2:5672,rdma:h3:3,tcp:h4:4')
    assert.equal(
      qpidUrlText(parseQpidUrl('127.0.0.1:25672,127.0.0.1:25673')),
      'amqp:tcp:127.0.0.1:25672,tcp:127.0.0.1:25673',
    )
  })

  it('treats none and empty as unset, and rejects bad URLs with qpidd texts', () => {
    assert.equal(parseQpidUrl('none'), undefined)
    assert.equal(parseQpidUrl(''), undefined)
    assert.equal(qpidUrlText(undefined), '')
    assert.throws(() => parseQpidUrl('amqp:'), /^PythonError: URL contains no addresses$/)
    assert.throws(() => parseQpidUrl('h1:port'), /Invalid URL: h1:port/)
    assert.throws(() => parseQpidUrl('h1,,h2'), /Invalid URL/)
  })
})

describe('replication levels', () => {
  const q = (args: Record<string, unknown>, exclusive = false, autoDelete = false) => ({
    arguments: args,
    exclusive,
    autoDelete,
  })

  it('uses the explicit argument, else none for temporary queues, else the default', () => {
    assert.equal(queueLevel(q({ 'qpid.replicate': 'configuration' }), 'all'), 'configuration')
    assert.equal(queueLevel(q({}, true, true), 'all'), 'none')
    assert.equal(queueLevel(q({ 'qpid.auto_delete_timeout': 5 }, true, true), 'all'), 'all')
    assert.equal(queueLevel(q({}, true, false), 'all'), 'all')
    assert.equal(queueLevel(q({}, false, true), 'all'), 'all')
    assert.equal(queueLevel(q({}), 'none'), 'none')
    assert.throws(() => queueLevel(q({ 'qpid.replicate': 'XX' }), 'all'), /^Error: Invalid replication value: XX$/)
    assert.equal(exchangeLevel({}, 'configuration'), 'configuration')
  })

  it('backups go by the stamp only; bindings need both ends replicated and no none of their own', () => {
    assert.equal(stampedLevel({}), 'none')
    assert.equal(stampedLevel({ 'qpid.replicate': 'all' }), 'all')
    const all = { 'qpid.replicate': 'all' }
    assert.equal(bindingReplicated(all, all, {}), true)
    assert.equal(bindingReplicated(all, { 'qpid.replicate': 'configuration' }, {}), true)
    assert.equal(bindingReplicated({ 'qpid.replicate': 'none' }, all, {}), false)
    assert.equal(bindingReplicated(all, all, { 'qpid.replicate': 'none' }), false)
  })
})

describe('HA options', () => {
  registerHaOptions()
  it('has qpidd defaults', () => {
    const c = readHaConfig(parseArgs([]).values)
    assert.deepEqual(
      [
        c.cluster,
        c.queueReplication,
        c.replicateDefault,
        c.backupTimeoutMs,
        c.linkHeartbeatMs,
        c.flowMessages,
        c.flowBytes,
      ],
      [false, false, 'none', 10000, 120000, 1000, 0],
    )
  })

  it('reads durations in qpidd syntax and implies queue replication for a cluster', () => {
    const c = readHaConfig(
      parseArgs([
        '--ha-cluster',
        'yes',
        '--ha-backup-timeout',
        '10ms',
        '--link-heartbeat-interval=0.5',
        '--ha-brokers-url',
        'h1,h2',
      ]).values,
    )
    assert.deepEqual([c.cluster, c.queueReplication, c.backupTimeoutMs, c.linkHeartbeatMs], [true, true, 10, 500])
    assert.equal(qpidUrlText(c.brokersUrl), 'amqp:tcp:h1:5672,tcp:h2:5672')
    assert.equal(readHaConfig(parseArgs(['--ha-backup-timeout', '10us']).values).backupTimeoutMs, 0.01)
    for (const bad of ['10 ms', '1m', 'abc']) assert.throws(() => parseArgs(['--ha-backup-timeout', bad]), OptionError)
  })

  it('rejects a bad --ha-replicate and a bad URL at start-up', () => {
    assert.throws(() => readHaConfig(parseArgs(['--ha-replicate', 'most']).values), OptionError)
    assert.throws(() => readHaConfig(parseArgs(['--ha-public-url', 'a:b:c']).values), /Invalid URL/)
  })
})

describe('replication id ranges', () => {
  it('round-trips sets through merged ranges and ignores garbage', () => {
    assert.deepEqual(toRanges([5, 1, 2, 3, 9, 10]), [
      [1, 3],
      [5, 5],
      [9, 10],
    ])
    assert.deepEqual([...fromRanges(parseRanges(JSON.stringify(toRanges([4, 2, 3]))))].sort(), [2, 3, 4])
    assert.deepEqual(parseRanges('not json'), [])
    assert.deepEqual(parseRanges('[[3,1],["a",2],[1,2]]'), [[1, 2]])
    assert.deepEqual(parseRanges('[[1,1e12]]'), [], 'an absurd claim is ignored instead of expanded')
  })
})

describe('membership', () => {
  const self = () => ({
    systemId: 'aaaaaaaa-0000-0000-0000-000000000000',
    protocol: 'tcp',
    hostName: 'h',
    port: 1,
    status: 'joining' as const,
  })
  it('adopts the primary list with its own status; refuses illegal transitions', () => {
    const m = new Membership({ ...self() })
    const errors: string[] = []
    m.onIllegal = (e) => errors.push(e.message)
    m.adopt([
      { 'system-id': 'bbbbbbbb-0000-0000-0000-000000000000', protocol: 'tcp', 'host-name': 'h', port: 2, status: 4 },
      { 'system-id': self().systemId, protocol: 'tcp', 'host-name': 'h', port: 1, status: 1 },
    ])
    assert.equal(m.status, 'catchup')
    assert.equal(m.list().length, 2)
    assert.equal(m.setStatus('active'), false)
    assert.deepEqual(errors, ['Illegal state transition: catchup -> active'])
    assert.equal(m.status, 'catchup')
  })
})

describe('guards and delayed confirmation', () => {
  it('confirms a publish only when every guard released every copy', () => {
    const tracker = new ConfirmationTracker()
    const guards = new QueueGuards(tracker)
    const g1 = guards.guard('b1', 1)
    const g2 = guards.guard('b2', 1)
    tracker.begin()
    guards.enqueued(1)
    guards.enqueued(2)
    const wait = tracker.take()!
    let confirmed = false
    wait(() => {
      confirmed = true
    })
    guards.release(g1, 1)
    guards.release(g1, 2)
    guards.release(g2, 1)
    assert.equal(confirmed, false)
    guards.dequeued(2) // consumed on the primary: nothing left to protect
    assert.equal(confirmed, true)
  })

  it('releases held senders when a guard is cancelled, and holds nothing without guards', () => {
    const tracker = new ConfirmationTracker()
    const guards = new QueueGuards(tracker)
    tracker.begin()
    guards.enqueued(1)
    assert.equal(tracker.take(), undefined)
    guards.guard('b1', 2)
    tracker.begin()
    guards.enqueued(2)
    let confirmed = false
    tracker.take()!(() => {
      confirmed = true
    })
    guards.cancel('b1')
    assert.equal(confirmed, true)
  })
})

describe('admission (ha.md §4.1)', () => {
  const SELF = 'aaaaaaaa-0000-0000-0000-000000000000'
  const decide = (status: BrokerStatus, properties: Record<string, unknown>) => {
    let idle: number | undefined
    const d = admit(
      { properties, containerId: 'c', user: 'anonymous', address: 'a', setIdleTimeout: (ms) => (idle = ms) },
      { systemId: SELF, status, heartbeatMs: 2000 },
    )
    return idle === undefined ? d : `${d} idle=${idle}`
  }
  const backup = { 'qpid.ha-backup': { 'system-id': 'bbbbbbbb-0000-0000-0000-000000000000' } }
  const self = { 'qpid.ha-backup': { 'system-id': SELF } }

  it('drops self connections, accepts admins, drops clients and backups on a backup', () => {
    for (const s of ['joining', 'catchup', 'ready'] as const) {
      assert.equal(decide(s, {}), 'drop')
      assert.equal(decide(s, backup), 'drop')
      assert.equal(decide(s, { 'qpid.ha-admin': 1 }), 'accept')
      assert.equal(decide(s, { ...self, 'qpid.ha-admin': 1 }), 'drop')
    }
  })

  it('accepts clients on a primary and gives backup links heartbeats', () => {
    for (const s of ['recovering', 'active', 'standalone'] as const) {
      assert.equal(decide(s, {}), 'accept')
      assert.equal(decide(s, backup), 'accept idle=2000')
      assert.equal(decide(s, self), 'drop')
    }
  })
})
