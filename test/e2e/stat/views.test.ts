// Every qpid-stat view against a real qpidd-ref carrying real AMQP 1.0 traffic started here:
// exact output, and each figure checked against the traffic that produced it.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { Message } from 'rhea'
import { type RunningBroker, startBroker } from '../../helpers/broker.js'
import { run } from '../../helpers/run.js'
import {
  type Client,
  consume,
  createQueue,
  encodedSize,
  openClient,
  roundTrip,
  send,
} from '../../helpers/stat-traffic.js'

/** `%4d`: every figure in this scenario stays below 1000, where KMG prints the plain number. */
const k = (n: number) => {
  assert.ok(n < 1000, `${n} would be shown with a k suffix`)
  return String(n).padStart(4)
}

/** Durations depend on the clock: keep their width, hide their digits. */
const hideDurations = (text: string) => text.replace(/(?<= )\d{1,2}s(?= )/g, (m) => 'D'.padEnd(m.length))

describe('qpid-stat views on a broker with traffic', () => {
  let broker: RunningBroker
  let producer: Client
  let consumer: Client
  const dataDir = mkdtempSync(join(tmpdir(), 'stat-views-'))
  const plain = (i: number): Message => ({ body: `message-${String(i).padStart(3, '0')}` })
  const durable = (i: number): Message => ({ durable: true, body: `durable-${String(i).padStart(3, '0')}` })
  const S = encodedSize(plain(0))
  const SD = encodedSize(durable(0))

  before(async () => {
    // Queues are declared through QMF, whose replies the broker counts too; a restart on the
    // same store keeps the durable queues and starts every statistic from zero.
    const setup = await startBroker(undefined, { dataDir })
    await createQueue(setup.port, 'q1', { durable: true })
    await createQueue(setup.port, 'q2', { durable: true, 'qpid.flow_stop_count': 10 })
    await setup.stop()
    broker = await startBroker(undefined, { dataDir })

    producer = await openClient(broker.port, 'stat-producer', 4242)
    consumer = await openClient(broker.port, 'stat-consumer', 4343)
    await send(
      producer.conn,
      'q1',
      Array.from({ length: 25 }, (_, i) => plain(i)),
    )
    await send(
      producer.conn,
      'q2',
      Array.from({ length: 12 }, (_, i) => durable(i)),
    )
    await send(producer.conn, 'amq.topic', [plain(0), plain(1), plain(2)])
    await consume(consumer.conn, 'q1', 'stat-sub-acked', 5, { ack: true })
    await consume(consumer.conn, 'q1', 'stat-sub-browse', 2, { ack: false, browse: true })
    await consume(consumer.conn, 'q2', 'stat-sub-held', 3, { ack: false })
    await roundTrip(consumer.conn)
  })

  after(async () => {
    producer?.conn.close()
    consumer?.conn.close()
    await broker?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  const stat = (...args: string[]) => run('qpid-stat', ['-b', broker.address, ...args])

  it('-g: summary and aggregate statistics (first, so that no qpid-stat reply is counted yet)', async () => {
    const r = await stat('-g')
    assert.equal(r.code, 0)
    assert.equal(r.stderr, '')
    const lines = r.stdout.split('\n')
    const uptime = /^ {2}(\d+s) /.exec(lines[3])?.[1]
    assert.ok(uptime, lines[3])
    const depthBytes = String(20 * S + 12 * SD)
    const inBytes = String(25 * S + 12 * SD)
    const w = Math.max(5, depthBytes.length, inBytes.length) + 2
    const row = (label: string, msgs: string, bytes: string) => `  ${label.padEnd(28)}${msgs.padEnd(10)}${bytes}`
    const counted = (label: string, msgs: number) => row(label, String(msgs), '')
    assert.equal(
      r.stdout,
      [
        'Broker Summary:',
        '  uptime  cluster       connections  sessions  exchanges  queues',
        `  ${'='.repeat(64)}`,
        `  ${uptime.padEnd(8)}<standalone>  3            3         8          3`,
        '',
        'Aggregate Broker Statistics:',
        `  Statistic                   Messages  Bytes${' '.repeat(w - 7)}`.trimEnd(),
        `  ${'='.repeat(38 + w)}`,
        row('queue-depth', '32', depthBytes),
        row('total-enqueues', '37', inBytes),
        row('total-dequeues', '5', String(5 * S)),
        row('persistent-enqueues', '12', String(12 * SD)),
        row('persistent-dequeues', '0', '0'),
        row('transactional-enqueues', '0', '0'),
        row('transactional-dequeues', '0', '0'),
        row('flow-to-disk-depth', '0', '0'),
        row('flow-to-disk-enqueues', '0', '0'),
        row('flow-to-disk-dequeues', '0', '0'),
        counted('acquires', 8),
        counted('releases', 0),
        counted('discards-no-route', 3),
        counted('discards-ttl-expired', 0),
        counted('discards-limit-overflow', 0),
        counted('discards-ring-overflow', 0),
        counted('discards-lvq-replace', 0),
        counted('discards-subscriber-reject', 0),
        counted('discards-purged', 0),
        counted('reroutes', 0),
        counted('abandoned', 0),
        counted('abandoned-via-alt', 0),
        '',
      ].join('\n'),
    )
  })

  // Descending: the tool's own reply queue is named by a UUID, which sorts before `q`.
  it('-q -S queue -L 2: the two test queues with their depths and counters', async () => {
    const r = await stat('-q', '-S', 'queue', '-L', '2')
    assert.equal(r.code, 0)
    assert.equal(
      r.stdout,
      [
        'Queues',
        '  queue  dur  autoDel  excl  msg   msgIn  msgOut  bytes  bytesIn  bytesOut  cons  bind',
        `  ${'='.repeat(86)}`,
        `  q2     Y                   ${k(12)}  ${k(12)}   ${k(0)}    ${k(12 * SD)}   ${k(12 * SD)}     ${k(0)}      ${k(1)}  ${k(1)}`,
        `  q1     Y                   ${k(20)}  ${k(25)}   ${k(5)}    ${k(20 * S)}   ${k(25 * S)}     ${k(5 * S)}      ${k(2)}  ${k(1)}`,
        '',
      ].join('\n'),
    )
  })

  it('-q: every queue, including qpid-stat’s own reply queue, in query order', async () => {
    const r = await stat('-q')
    assert.equal(r.code, 0)
    const lines = r.stdout.split('\n')
    const reply = lines[3].slice(2).split(' ')[0]
    assert.match(reply, /^[0-9a-f-]{36}_0\.0$/)
    const name = (n: string) => n.padEnd(reply.length + 2)
    assert.equal(
      r.stdout,
      [
        'Queues',
        `  ${name('queue')}dur  autoDel  excl  msg   msgIn  msgOut  bytes  bytesIn  bytesOut  cons  bind`,
        `  ${'='.repeat(reply.length + 2 + 79)}`,
        `  ${name(reply)}     Y        Y     ${k(0)}  ${k(0)}   ${k(0)}    ${k(0)}   ${k(0)}     ${k(0)}      ${k(1)}  ${k(1)}`,
        `  ${name('q1')}Y                   ${k(20)}  ${k(25)}   ${k(5)}    ${k(20 * S)}   ${k(25 * S)}     ${k(5 * S)}      ${k(2)}  ${k(1)}`,
        `  ${name('q2')}Y                   ${k(12)}  ${k(12)}   ${k(0)}    ${k(12 * SD)}   ${k(12 * SD)}     ${k(0)}      ${k(1)}  ${k(1)}`,
        '',
      ].join('\n'),
    )
  })

  it('-q q2: properties, flow control, arguments and statistics of one queue', async () => {
    const r = await stat('-q', 'q2')
    assert.equal(r.code, 0)
    const row = (label: string, msgs: string, bytes: string) => `  ${label.padEnd(28)}${msgs.padEnd(10)}${bytes}`
    assert.equal(
      r.stdout,
      [
        'Properties:',
        '  Name  Durable  AutoDelete  Exclusive  FlowStopped  FlowStoppedCount  Consumers  Bindings',
        `  ${'='.repeat(90)}`,
        '  q2    Y        N           N          Y            1                 1          1',
        '',
        'Optional Properties:',
        '  Property      Value',
        `  ${'='.repeat(14 + "{'qpid.flow_stop_count': 10}".length + 2)}`,
        "  arguments     {'qpid.flow_stop_count': 10}",
        '  alt-exchange  ',
        '',
        'Statistics:',
        '  Statistic                   Messages  Bytes',
        `  ${'='.repeat(45)}`,
        row('queue-depth', '12', String(12 * SD)),
        row('total-enqueues', '12', String(12 * SD)),
        row('total-dequeues', '0', '0'),
        row('persistent-enqueues', '12', String(12 * SD)),
        row('persistent-dequeues', '0', '0'),
        row('transactional-enqueues', '0', '0'),
        row('transactional-dequeues', '0', '0'),
        row('flow-to-disk-depth', '0', '0'),
        row('flow-to-disk-enqueues', '0', '0'),
        row('flow-to-disk-dequeues', '0', '0'),
        row('acquires', '3', ''),
        row('releases', '0', ''),
        row('discards-ttl-expired', '0', ''),
        row('discards-limit-overflow', '0', ''),
        row('discards-ring-overflow', '0', ''),
        row('discards-lvq-replace', '0', ''),
        row('discards-subscriber-reject', '0', ''),
        row('discards-purged', '0', ''),
        row('reroutes', '0', ''),
        '',
      ].join('\n'),
    )
  })

  it('-e: exchanges, with amq.topic dropping unroutable messages and the default exchange routing QMF replies', async () => {
    const r = await stat('-e')
    assert.equal(r.code, 0)
    // qpidd routes QMF replies through the default exchange: one per earlier qpid-stat question
    // in this file (-g asks 6, the three -q runs 1 each). Their size is the broker's encoding.
    const replies = 6 + 1 + 1 + 1
    const replyBytes = /^ {22}direct {8} +\d+ +\d+ +\d+ +\d+ +(\S+) +(\S+) +\d+$/m.exec(r.stdout)
    assert.ok(replyBytes, r.stdout)
    assert.equal(replyBytes[1], replyBytes[2])
    const bytes = replyBytes[1].padStart(4) // KMG: '%4d' below 1000, else like '26.6k'
    const drop = k(3 * S)
    assert.equal(
      r.stdout,
      [
        'Exchanges',
        '  exchange            type     dur  bind  msgIn  msgOut  msgDrop  byteIn  byteOut  byteDrop',
        `  ${'='.repeat(91)}`,
        `                      direct        ${k(3)}  ${k(replies)}   ${k(replies)}    ${k(0)}     ${bytes.padEnd(8)}${bytes.padEnd(9)}${k(0)}`,
        `  amq.direct          direct   Y    ${k(0)}  ${k(0)}   ${k(0)}    ${k(0)}     ${k(0)}    ${k(0)}     ${k(0)}`,
        `  amq.fanout          fanout   Y    ${k(0)}  ${k(0)}   ${k(0)}    ${k(0)}     ${k(0)}    ${k(0)}     ${k(0)}`,
        `  amq.match           headers  Y    ${k(0)}  ${k(0)}   ${k(0)}    ${k(0)}     ${k(0)}    ${k(0)}     ${k(0)}`,
        `  amq.topic           topic    Y    ${k(0)}  ${k(3)}   ${k(0)}    ${k(3)}     ${drop}    ${k(0)}     ${drop}`,
        `  qmf.default.direct  direct        ${k(0)}  ${k(0)}   ${k(0)}    ${k(0)}     ${k(0)}    ${k(0)}     ${k(0)}`,
        `  qmf.default.topic   topic         ${k(0)}  ${k(0)}   ${k(0)}    ${k(0)}     ${k(0)}    ${k(0)}     ${k(0)}`,
        `  qpid.management     topic         ${k(0)}  ${k(0)}   ${k(0)}    ${k(0)}     ${k(0)}    ${k(0)}     ${k(0)}`,
        '',
      ].join('\n'),
    )
  })

  it('-c -S cproc -L 2: the producer and consumer connections with their message counts', async () => {
    const r = await stat('-c', '-S', 'cproc', '-L', '2')
    assert.equal(r.code, 0)
    assert.equal(
      hideDurations(r.stdout),
      [
        'Connections',
        `  connection${' '.repeat(producer.address.length - 8)}cproc          cpid  mech  auth       connected  idle  msgIn  msgOut`,
        `  ${'='.repeat(producer.address.length + 2 + 70)}`,
        `  ${producer.address}  stat-producer  4242  -     anonymous  D          D     ${k(40)}   ${k(0)}`,
        `  ${consumer.address}  stat-consumer  4343  -     anonymous  D          D     ${k(0)}   ${k(10)}`,
        '',
      ].join('\n'),
    )
  })

  it('-u -S subscr -L 3: the test subscriptions with delivered and session-unacked counts', async () => {
    const r = await stat('-u', '-S', 'subscr', '-L', '3')
    assert.equal(r.code, 0)
    const a = consumer.address
    assert.equal(
      r.stdout,
      [
        'Subscriptions',
        `  subscr           queue  conn${' '.repeat(a.length - 2)}procName       procId  browse  acked  excl  creditMode  delivered  sessUnacked`,
        `  ${'='.repeat(17 + 7 + a.length + 2 + 15 + 8 + 8 + 7 + 6 + 12 + 11 + 13)}`,
        `  stat-sub-held    q2     ${a}  stat-consumer  4343            Y            CREDIT      3          3`,
        `  stat-sub-browse  q1     ${a}  stat-consumer  4343    Y                    CREDIT      2          3`,
        `  stat-sub-acked   q1     ${a}  stat-consumer  4343            Y            CREDIT      5          3`,
        '',
      ].join('\n'),
    )
  })

  it('-m: the broker memory figures, grouped by thousands', async () => {
    const r = await stat('-m')
    assert.equal(r.code, 0)
    const lines = r.stdout.split('\n')
    assert.equal(lines[0], 'Broker Memory Statistics:')
    assert.match(lines[1], /^ {2}Statistic {8}Value$/)
    const keys = lines.slice(3, -1).map((l) => {
      const m = /^ {2}(\w+) +(\d{1,3}(?:,\d{3})*)$/.exec(l)
      assert.ok(m, l)
      return m[1]
    })
    assert.deepEqual(keys.sort(), [
      'malloc_arena',
      'malloc_fordblks',
      'malloc_hblkhd',
      'malloc_hblks',
      'malloc_keepcost',
      'malloc_ordblks',
      'malloc_uordblks',
    ])
  })

  it('--acl: without an ACL module', async () => {
    const r = await stat('--acl')
    assert.deepEqual(r, { code: 0, stdout: 'ACL Policy Module is not installed\n', stderr: '' })
  })

  it('-q <name> of a queue that does not exist (golden 81)', async () => {
    const r = await stat('-q', 'nosuchqueue')
    assert.deepEqual(r, { code: 0, stdout: "Queue 'nosuchqueue' not found\n", stderr: '' })
  })

  it('-S with a column the view does not have', async () => {
    const r = await stat('-q', '-S', 'Msg')
    assert.deepEqual(r, { code: 1, stdout: "Failed: Exception - sortCol 'Msg', not found in headers\n", stderr: '' })
  })
})
