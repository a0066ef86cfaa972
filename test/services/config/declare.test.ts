import assert from 'node:assert/strict'
import { test } from 'node:test'
import { PythonError } from '../../../src/protocol/errors.js'
import { deadlineMs } from '../../../src/services/broker-call.js'
import { headersBindingArgs, xmlBindingArgs } from '../../../src/services/config/binding-args.js'
import { argumentMap, exchangeProperties, queueProperties } from '../../../src/services/config/declare.js'
import { brokerAddress, failureLine } from '../../../src/services/config/with-broker.js'

test('--argument: split at the first =, integers converted, no = means None', () => {
  assert.deepEqual(argumentMap(['a=1', 'b=x=y', 'c', 'd=-7', 'e=0x10', 'f= 5 ', 'g=']), {
    a: 1,
    b: 'x=y',
    c: null,
    d: -7,
    e: '0x10',
    f: 5,
    g: '',
  })
  assert.deepEqual(argumentMap(undefined), {})
})

test('queue properties: store options only when durable and non-zero; explicit options override --argument', () => {
  assert.deepEqual(queueProperties({ 'file-count': 8, 'file-size': 24 }), {})
  assert.deepEqual(
    queueProperties({
      durable: true,
      'file-count': 8,
      'file-size': 0,
      'wcache-page-size': 16,
      argument: ['qpid.max_count=1', 'x-foo=bar'],
      'max-queue-count': 5,
      'max-queue-size': 0,
      'limit-policy': 'ring',
      'lvq-key': 'k',
      'flow-stop-size': 0,
      'flow-resume-count': 3,
      'group-header': 'g',
      'shared-groups': true,
      'alternate-exchange': 'amq.fanout',
      replicate: 'all',
    }),
    {
      'qpid.max_count': 5,
      'x-foo': 'bar',
      'qpid.file_count': 8,
      'qpid.wcache-page-size': 16,
      'qpid.max_size': 0,
      'qpid.policy_type': 'ring',
      'qpid.last_value_queue_key': 'k',
      'qpid.flow_stop_size': 0,
      'qpid.flow_resume_count': 3,
      'qpid.group_header_key': 'g',
      'qpid.shared_msg_group': 1,
      'alternate-exchange': 'amq.fanout',
      durable: 1,
      'qpid.replicate': 'all',
    },
  )
  assert.deepEqual(queueProperties({ 'limit-policy': 'none' }), {})
  assert.deepEqual(queueProperties({ 'limit-policy': 'ring-strict' }), {})
  assert.deepEqual(queueProperties({ 'limit-policy': 'reject' }), { 'qpid.policy_type': 'reject' })
})

test('exchange properties', () => {
  assert.deepEqual(exchangeProperties({ sequence: true, ive: true, durable: true, argument: ['a=b'] }), {
    a: 'b',
    'qpid.msg_sequence': 1,
    'qpid.ive': 1,
    durable: 1,
  })
})

test('headers bindings: all|any plus k=v conditions, the original messages otherwise', () => {
  assert.deepEqual(headersBindingArgs(['all', 'a=1', 'b=2=3']), {
    ok: true,
    properties: { a: '1', b: '2', 'x-match': 'all' },
  })
  assert.deepEqual(headersBindingArgs(['any']), {
    ok: false,
    message: "Invalid args to bind headers:  need 'any'/'all' plus conditions",
  })
  assert.deepEqual(headersBindingArgs(['some', 'a=1']), {
    ok: false,
    message: "Invalid condition arg to bind headers, need 'any' or 'all', not 'some'",
  })
})

test('xml bindings: -f file, -f - for stdin, none is the original message', () => {
  assert.deepEqual(
    xmlBindingArgs(undefined, () => ''),
    {
      ok: false,
      message: 'Invalid args to bind xml:  need an input file or stdin',
    },
  )
  assert.deepEqual(
    xmlBindingArgs('-', () => 'for $x in .'),
    { ok: true, properties: { xquery: 'for $x in .' } },
  )
  assert.throws(() => xmlBindingArgs('/nonexistent/q.xq', () => ''), { code: 'ENOENT' })
})

test('broker address, deadline and failure lines', () => {
  assert.equal(brokerAddress({}), 'localhost')
  assert.equal(brokerAddress({ broker: '' }), 'localhost')
  assert.equal(brokerAddress({ broker: 'h1', 'broker-addr': 'h2' }), 'h2')
  // -t 0 (no limit in the original) and no -t keep the original default of 10 s
  assert.equal(deadlineMs(undefined), 10000)
  assert.equal(deadlineMs(0), 10000)
  assert.equal(deadlineMs(3), 3000)
  assert.equal(deadlineMs(-5), 10000)
  assert.equal(
    failureLine(new PythonError('ConnectError', '[Errno 111] Connection refused')),
    'Failed: ConnectError: [Errno 111] Connection refused',
  )
  let fsError: unknown
  try {
    xmlBindingArgs('/nonexistent/q.xq', () => '')
  } catch (err) {
    fsError = err
  }
  assert.equal(failureLine(fsError), "[Errno 2] No such file or directory: '/nonexistent/q.xq'")
})
