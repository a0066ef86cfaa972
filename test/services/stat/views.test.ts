// The qpid-stat views against canned QMF objects: the columns' sources and the original's quirks.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { PythonError } from '../../../src/protocol/errors.js'
import { type QmfMap, type QmfObject, Uuid } from '../../../src/protocol/qmf-types.js'
import { type StatSource, statSnapshot } from '../../../src/services/stat/snapshot.js'

const S = 1e9
const ref = (cls: string, name: string) => ({ _object_name: `org.apache.qpid.broker:${cls}:${name}` })

function obj(className: string, name: string, values: QmfMap, ts: Partial<QmfObject> = {}): QmfObject {
  return {
    objectName: `org.apache.qpid.broker:${className}:${name}`,
    className,
    packageName: 'org.apache.qpid.broker',
    values,
    createTs: 0,
    updateTs: 0,
    deleteTs: 0,
    ...ts,
  }
}

function source(objects: QmfObject[]): StatSource & { asked: string[] } {
  const asked: string[] = []
  return {
    asked,
    async query(c) {
      asked.push(c)
      return objects.filter((o) => o.className === c)
    },
    async getObject(n) {
      asked.push(n)
      return objects.find((o) => o.objectName === n)
    },
    async getSingleton(c) {
      asked.push(c)
      return objects.find((o) => o.className === c)
    },
  }
}

const broker = (values: QmfMap = {}) => obj('broker', 'amqp-broker', values, { createTs: 0, updateTs: 134 * S })

describe('-c connections', () => {
  it('measures connected/idle against the broker update time and dashes empty fields', async () => {
    const conn = obj(
      'connection',
      'c1',
      {
        address: 'qpid.a-b',
        saslMechanism: '',
        authIdentity: 'anonymous',
        msgsFromClient: 1500,
        msgsToClient: 2_500_000,
      },
      { createTs: 9 * S, updateTs: 131 * S },
    )
    const snap = await statSnapshot(source([broker(), conn]), { show: 'c', names: [] })
    assert.equal(
      snap.text,
      [
        'Connections',
        '  connection  cproc  cpid  mech  auth       connected  idle  msgIn  msgOut',
        `  ${'='.repeat(74)}`,
        '  qpid.a-b    -            -     anonymous  2m 5s      3s    1.50k  2.50m',
        '',
      ].join('\n'),
    )
    assert.deepEqual(snap.json.connections, [
      {
        address: 'qpid.a-b',
        remoteProcessName: '-',
        remotePid: null,
        saslMechanism: '-',
        authIdentity: 'anonymous',
        connected: 125 * S,
        idle: 3 * S,
        msgsFromClient: 1500,
        msgsToClient: 2_500_000,
      },
    ])
  })
  it('fails like the original when there is no broker object', async () => {
    const conn = obj('connection', 'c1', { address: 'x' })
    await assert.rejects(
      statSnapshot(source([conn]), { show: 'c', names: [] }),
      (e: unknown) => e instanceof PythonError && e.pythonClass === 'AttributeError',
    )
  })
})

describe('-u subscriptions', () => {
  it('joins session and connection by name and address, skips orphans, shortens references', async () => {
    const objects = [
      obj('connection', 'c1', { address: 'qpid.c1', remoteProcessName: 'recv', remotePid: 77 }),
      obj('session', 's1', { name: 's1', connectionRef: ref('connection', 'qpid.c1'), unackedMessages: 4 }),
      obj('subscription', 'x', {
        name: 'sub',
        queueRef: ref('queue', 'q1'),
        sessionRef: ref('session', 's1'),
        browsing: false,
        acknowledged: true,
        exclusive: true,
        creditMode: 'CREDIT',
        delivered: 1234,
      }),
      obj('subscription', 'y', { name: 'orphan', queueRef: ref('queue', 'q1'), sessionRef: ref('session', 'gone') }),
    ]
    const src = source(objects)
    const snap = await statSnapshot(src, { show: 'u', names: [] })
    assert.deepEqual(src.asked, ['subscription', 'session', 'connection'])
    assert.equal(
      snap.text.split('\n')[3],
      '  sub     q1     qpid.c1  recv      77              Y      Y     CREDIT      1,234      4',
    )
    assert.equal(snap.text.split('\n').length, 5)
  })
})

describe('-q queues', () => {
  const q = (name: string, msgDepth: number) => obj('queue', name, { name, msgDepth, durable: false })
  it('sorts on raw values and limits', async () => {
    const src = source([q('a', 5), q('b', 1500), q('c', 20)])
    const snap = await statSnapshot(src, { show: 'q', names: [], sort: { column: 'msg', limit: 2, increasing: false } })
    assert.deepEqual(
      (snap.json.queues as { name: string }[]).map((r) => r.name),
      ['b', 'c'],
    )
  })
})

describe('-q <name>', () => {
  it('prints the arguments map as Python does, with a blank alt-exchange (golden 80)', async () => {
    const uuid = new Uuid(Buffer.from('8db8b3287c2b42d99864afb189ebe253', 'hex'))
    const src = source([
      obj('queue', 'q1', { name: 'q1', arguments: { 'qpid.ha-uuid': uuid, 'qpid.replicate': 'all' }, bindingCount: 1 }),
    ])
    const snap = await statSnapshot(src, { show: 'q', names: ['q1'] })
    assert.ok(
      snap.text.includes(
        "  arguments     {'qpid.ha-uuid': UUID('8db8b328-7c2b-42d9-9864-afb189ebe253'), 'qpid.replicate': 'all'}\n  alt-exchange  \n\nStatistics:\n",
      ),
    )
    assert.deepEqual((snap.json.queues as QmfMap[])[0].arguments, {
      'qpid.ha-uuid': '8db8b328-7c2b-42d9-9864-afb189ebe253',
      'qpid.replicate': 'all',
    })
  })
  it('reports an unknown queue', async () => {
    assert.deepEqual(await statSnapshot(source([]), { show: 'q', names: ['nope'] }), {
      text: "Queue 'nope' not found\n",
      json: { queues: [] },
    })
  })
})

describe('-g general', () => {
  it('shows a cluster object, counts distinct names, and leaves out aggregates without queueCount', async () => {
    const src = source([
      broker(),
      obj('cluster', 'c', { clusterName: 'east', status: 'ACTIVE' }),
      obj('session', 'a', { name: 'a' }),
      obj('session', 'b', { name: 'a' }),
      obj('queue', 'q', { name: 'q' }),
    ])
    const snap = await statSnapshot(src, { show: 'g', names: [] })
    assert.equal(
      snap.text,
      [
        'Broker Summary:',
        '  uptime  cluster       connections  sessions  exchanges  queues',
        `  ${'='.repeat(64)}`,
        '  2m 14s  east<ACTIVE>  0            1         0          1',
        '',
      ].join('\n'),
    )
    assert.deepEqual(src.asked, ['broker', 'cluster', 'connection', 'session', 'exchange', 'queue'])
  })
})

describe('-m memory and --acl', () => {
  it('lists every memory value but name, in received order', async () => {
    const snap = await statSnapshot(
      source([obj('memory', 'm', { name: 'amqp-broker', malloc_arena: 135168, z: 1000 })]),
      { show: 'm', names: [] },
    )
    assert.equal(
      snap.text,
      'Broker Memory Statistics:\n  Statistic     Value\n  =======================\n  malloc_arena  135,168\n  z             1,000\n',
    )
  })
  it('fails like the original without a memory object', async () => {
    await assert.rejects(statSnapshot(source([]), { show: 'm', names: [] }), {
      pythonClass: 'AttributeError',
      message: "'NoneType' object has no attribute 'values'",
    })
  })
  it('formats the ACL statistics', async () => {
    const acl = obj('acl', 'a', {
      policyFile: '/etc/qpid/acl',
      enforcingAcl: true,
      transferAcl: false,
      lastAclLoad: Date.UTC(2023, 10, 14, 22, 13, 20) * 1e6,
      aclDenyCount: 12345,
    })
    assert.equal(
      (await statSnapshot(source([acl]), { show: 'acl', names: [] })).text,
      [
        'ACL Policy Statistics:',
        '  Statistic          Value',
        `  ${'='.repeat(45)}`,
        '  policy-file        /etc/qpid/acl',
        '  enforcing          Y',
        '  has-transfer-acls  N',
        '  last-acl-load      Tue Nov 14 22:13:20 2023',
        '  acl-denials        12,345',
        '',
      ].join('\n'),
    )
  })
})
