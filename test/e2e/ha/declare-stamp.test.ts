// A primary stamps a new queue's replication level before the queue exists: its journal holds one
// declare record, already stamped (never a record rewritten afterwards), and a declare the primary
// refuses leaves no record at all.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { RecordType, readRecords } from '../../../src/broker/store/journal-format.js'
import { activeCluster, createQueue, waitFor } from '../../helpers/ha-cluster.js'

interface Declared {
  type: RecordType
  name?: string
  arguments?: Record<string, unknown>
}

/** The queue records of a broker's journal, in order. */
function queueRecords(dataDir: string): Declared[] {
  const { records } = readRecords(readFileSync(join(dataDir, 'qpidd-ref.journal')))
  return records
    .filter((r) => r.type === RecordType.QueueDeclare || r.type === RecordType.QueueDelete)
    .map((r) =>
      r.type === RecordType.QueueDeclare
        ? { type: r.type, ...JSON.parse(r.body.subarray(4).toString('utf8')) }
        : { type: r.type },
    )
}

test('a durable queue on a primary is journalled once, stamped; a refused one not at all', async (t) => {
  const c = await activeCluster(t, 1)
  const primary = c.brokers[0]
  await createQueue(primary.address, 'dq', { durable: true, 'qpid.replicate': 'all' })
  await assert.rejects(createQueue(primary.address, 'bad', { durable: true, 'qpid.replicate': 'sometimes' }))
  await createQueue(primary.address, 'last', { durable: true })
  // records are written in order: once 'last' is there, anything for 'bad' would be too
  await waitFor('the journal record of the last queue', () =>
    queueRecords(primary.dataDir).some((r) => r.name === 'last'),
  )
  const records = queueRecords(primary.dataDir)
  assert.deepEqual(
    records.map((r) => [r.type, r.name]),
    [
      [RecordType.QueueDeclare, 'dq'],
      [RecordType.QueueDeclare, 'last'],
    ],
  )
  const args = records[0].arguments ?? {}
  assert.equal(args['qpid.replicate'], 'all')
  assert.match(String(args['qpid.ha-uuid']), /^[0-9a-f-]{36}$/)
})
