// qpid-config's listings as pure functions, checked against the golden transcripts' text.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { QmfMap, QmfObject } from '../../src/protocol/qmf-types.js'
import { renderExchangeBindings, renderQueueBindings } from '../../src/render/config-bindings.js'
import { renderExchanges } from '../../src/render/config-exchanges.js'
import { exchangesJson, listJson, overviewJson, queuesJson } from '../../src/render/config-json.js'
import { renderList } from '../../src/render/config-list.js'
import { overviewOf, renderOverview } from '../../src/render/config-overview.js'
import { renderQueues } from '../../src/render/config-queues.js'

const obj = (cls: string, name: string, values: QmfMap): QmfObject => ({
  objectName: `org.apache.qpid.broker:${cls}:${name}`,
  className: cls,
  packageName: 'org.apache.qpid.broker',
  values,
  createTs: 0,
  updateTs: 0,
  deleteTs: 0,
})
const ref = (cls: string, name: string) => ({ _object_name: `org.apache.qpid.broker:${cls}:${name}` })
const ex = (name: string, type: string, durable: boolean, args: QmfMap = { 'qpid.replicate': 'none' }, alt?: string) =>
  obj('exchange', name, { name, type, durable, arguments: args, ...(alt ? { altExchange: ref('exchange', alt) } : {}) })
const q = (name: string, values: QmfMap) =>
  obj('queue', name, { name, durable: false, autoDelete: false, exclusive: false, arguments: {}, ...values })
const binding = (exchange: string, queue: string, key: string, args: QmfMap = {}) =>
  obj('binding', `${exchange}/${queue}/${key}`, {
    exchangeRef: ref('exchange', exchange),
    queueRef: ref('queue', queue),
    bindingKey: key,
    arguments: args,
  })

const standardExchanges = [
  ex('', 'direct', false),
  ex('amq.direct', 'direct', true),
  ex('amq.failover', 'amq.failover', false, {}),
  ex('amq.fanout', 'fanout', true),
  ex('amq.match', 'headers', true),
  ex('amq.topic', 'topic', true),
  ex('qmf.default.direct', 'direct', false),
  ex('qmf.default.topic', 'topic', false),
  ex('qpid.management', 'topic', false),
]

test('overview: totals and per-type counts in first-seen order (golden 30)', () => {
  const queues = [q('a', { autoDelete: true }), q('b', {}), q('c', { durable: true })]
  assert.deepEqual(renderOverview(overviewOf(standardExchanges, queues)), [
    'Total Exchanges: 9',
    '         direct: 3',
    '   amq.failover: 1',
    '         fanout: 1',
    '        headers: 1',
    '          topic: 3',
    '',
    '   Total Queues: 3',
    '        durable: 1',
    '    non-durable: 2',
  ])
})

test('exchanges: widths, attributes and the trailing space of attribute-less rows (golden 32)', () => {
  assert.equal(
    renderExchanges(standardExchanges, '', false)!.join('\n'),
    [
      'Type      Exchange Name       Attributes',
      '==================================================',
      'direct                        --replicate=none',
      'direct    amq.direct          --durable --replicate=none',
      'amq.failoveramq.failover       ',
      'fanout    amq.fanout          --durable --replicate=none',
      'headers   amq.match           --durable --replicate=none',
      'topic     amq.topic           --durable --replicate=none',
      'direct    qmf.default.direct  --replicate=none',
      'topic     qmf.default.topic   --replicate=none',
      'topic     qpid.management     --replicate=none',
    ].join('\n'),
  )
})

test('exchanges: sequence, ive, alternate exchange; --ignore-default; no match', () => {
  const list = [
    ex('', 'direct', false),
    ex('xa', 'topic', false, { 'qpid.replicate': 'all', 'qpid.msg_sequence': 1, 'qpid.ive': 1 }, 'amq.fanout'),
  ]
  assert.deepEqual(renderExchanges(list, '', true), [
    'Type      Exchange Name  Attributes',
    '=============================================',
    'topic     xa             --replicate=all --sequence --ive --alternate-exchange=amq.fanout',
  ])
  assert.equal(renderExchanges(list, 'zzz', false), undefined)
})

test('queues: attribute order, limit policy dashes, extra arguments, trailing spaces (goldens 40, 56, 154)', () => {
  const queues = [
    q('3161b3ee-d398-4e30-863a-e487525493fa:0.0', {
      autoDelete: true,
      exclusive: true,
      arguments: { 'qpid.replicate': 'none' },
    }),
    q('q1', { arguments: { 'qpid.replicate': 'all', 'qpid.ha-uuid': 'd1ada390' } }),
    q('q2', {
      durable: true,
      arguments: {
        'qpid.max_count': 1000,
        'qpid.policy_type': 'ring_strict',
        'qpid.replicate': 'all',
        'qpid.max_size': 1048576,
        'qpid.ha-uuid': 'f5a0',
        'x-foo': 'bar',
      },
      altExchange: ref('exchange', 'amq.fanout'),
    }),
    q('qb', {}),
    q('qg', { arguments: { 'qpid.group_header_key': 'g', 'qpid.shared_msg_group': 1, 'qpid.flow_stop_count': 9 } }),
  ]
  assert.deepEqual(renderQueues(queues, ''), [
    'Queue Name                                Attributes',
    '=================================================================',
    '3161b3ee-d398-4e30-863a-e487525493fa:0.0  --replicate=none auto-del excl ',
    'q1                                        --replicate=all --argument qpid.ha-uuid=d1ada390',
    'q2                                        --durable --replicate=all --max-queue-size=1048576 --max-queue-count=1000 --limit-policy=ring-strict --alternate-exchange=amq.fanout --argument qpid.ha-uuid=f5a0 --argument x-foo=bar',
    'qb                                        ',
    'qg                                        --flow-stop-count=9 --group-header=g --shared-groups ',
  ])
  assert.deepEqual(renderQueues(queues, 'q1'), [
    'Queue Name  Attributes',
    '===================================',
    'q1          --replicate=all --argument qpid.ha-uuid=d1ada390',
  ])
  assert.equal(renderQueues(queues, 'zzz'), undefined)
})

const bindings = [
  binding('', 'q1', 'q1'),
  binding('x', 'q1', 'key'),
  binding('amq.match', 'qgrp', 'hk', { 'x-match': 'all', a: '1' }),
  binding('amq.direct', 'gone', 'k'),
]
const exchanges = [ex('', 'direct', false), ex('amq.match', 'headers', true), ex('x', 'topic', false)]
const queues = [q('q1', {}), q('qgrp', {})]

test('exchanges -r: bindings per exchange, argument maps as Python reprs, unknown queues', () => {
  assert.deepEqual(
    renderExchangeBindings([...exchanges, ex('amq.direct', 'direct', true)], bindings, queues, '', false),
    [
      "Exchange '' (direct)",
      '    bind [q1] => q1',
      "Exchange 'amq.match' (headers)",
      "    bind [hk] => qgrp {'x-match': 'all', 'a': '1'}",
      "Exchange 'x' (topic)",
      '    bind [key] => q1',
      "Exchange 'amq.direct' (direct)",
      '    bind [k] => <unknown>',
    ],
  )
  assert.deepEqual(renderExchangeBindings(exchanges, bindings, queues, 'x', true), [
    "Exchange 'x' (topic)",
    '    bind [key] => q1',
  ])
})

test("queues -r: the default exchange prints as '' and is skipped with --ignore-default", () => {
  assert.deepEqual(renderQueueBindings(exchanges, bindings, queues, '', false), [
    "Queue 'q1'",
    "    bind [q1] => ''",
    '    bind [key] => x',
    "Queue 'qgrp'",
    "    bind [hk] => amq.match {'x-match': 'all', 'a': '1'}",
  ])
  assert.deepEqual(renderQueueBindings(exchanges, bindings, queues, 'q1', true), ["Queue 'q1'", '    bind [key] => x'])
})

test('list: default columns per type, Display table layout, n/a and references', () => {
  const out = renderList(
    'queue',
    [q('q1', { durable: true }), q('a-very-long-queue-name-for-width', { autoDelete: true })],
    [],
  )
  assert.equal(
    out,
    [
      "Objects of type 'queue'",
      '  name                              durable  autoDelete',
      '  =======================================================',
      '  q1                                True     False',
      '  a-very-long-queue-name-for-width  False    True',
      '',
    ].join('\n'),
  )
  const links = [
    obj('binding', 'b1', { bindingKey: 'k', exchangeRef: ref('exchange', 'amq.direct'), queueRef: ref('queue', 'q1') }),
    obj('binding', 'b2', { bindingKey: 'k2', exchangeRef: ref('exchange', 'x'), origin: 'o' }),
  ]
  assert.equal(
    renderList('binding', links, ['bindingKey', 'queueRef', 'nope']),
    [
      "Warning: No such property 'nope' for type 'binding'",
      "Objects of type 'binding'",
      '  bindingKey  queueRef',
      '  ======================',
      '  k           q1',
      '  k2          n/a',
      '',
    ].join('\n'),
  )
  assert.equal(renderList('link', [], []), "Objects of type 'link'\n")
})

test('json documents: rows keyed by property name, references as names, bindings with -r', () => {
  assert.deepEqual(overviewJson(overviewOf(exchanges, queues)), {
    exchanges: 3,
    exchangeTypes: { direct: 1, headers: 1, topic: 1 },
    queues: 2,
    durableQueues: 0,
    nonDurableQueues: 2,
  })
  assert.deepEqual(queuesJson(queues, 'q1', bindings), [
    {
      name: 'q1',
      durable: false,
      autoDelete: false,
      exclusive: false,
      arguments: {},
      bindings: [
        { exchange: '', bindingKey: 'q1', arguments: {} },
        { exchange: 'x', bindingKey: 'key', arguments: {} },
      ],
    },
  ])
  assert.deepEqual(
    exchangesJson(exchanges, '', true).map((r) => r.name),
    ['amq.match', 'x'],
  )
  assert.deepEqual(
    listJson([q('q1', { altExchange: ref('exchange', 'amq.fanout') })], ['name', 'altExchange', 'nope']),
    [{ name: 'q1', altExchange: 'amq.fanout', nope: null }],
  )
})
