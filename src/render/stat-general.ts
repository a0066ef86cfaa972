// `qpid-stat -g`: the broker summary and, when the broker reports them, its aggregate message
// statistics (tools.md §2.2).

import { PythonError } from '../protocol/errors.js'
import type { QmfObject } from '../protocol/qmf-types.js'
import { DEPTH_ROWS, DISCARD_ROWS, type StatisticRow, statisticsJson, statisticsTable } from './stat-statistics.js'
import { attr, type Column, jsonRow, type Snapshot } from './stat-view.js'
import { formattedTable } from './table.js'

const AGGREGATE_ROWS: readonly StatisticRow[] = [
  ...DEPTH_ROWS,
  ['discards-no-route', 'discardsNoRoute', undefined],
  ...DISCARD_ROWS,
  ['reroutes', 'reroutes', undefined],
  ['abandoned', 'abandoned', undefined],
  ['abandoned-via-alt', 'abandonedViaAlt', undefined],
]

const SUMMARY: readonly Pick<Column<unknown>, 'header' | 'format' | 'key'>[] = [
  { header: 'uptime', key: 'uptime', format: 'DURATION' },
  { header: 'cluster', key: 'cluster' },
  { header: 'connections', key: 'connections', format: 'COMMAS' },
  { header: 'sessions', key: 'sessions', format: 'COMMAS' },
  { header: 'exchanges', key: 'exchanges', format: 'COMMAS' },
  { header: 'queues', key: 'queues', format: 'COMMAS' },
]

/** How many distinct values of `key` the objects have: the original counted dictionary keys. */
function distinct(objects: readonly QmfObject[], key: string): number {
  return new Set(objects.map((o) => attr(o, key))).size
}

export interface GeneralData {
  broker?: QmfObject
  cluster?: QmfObject
  connections: QmfObject[]
  sessions: QmfObject[]
  exchanges: QmfObject[]
  queues: QmfObject[]
}

export function generalView(data: GeneralData): Snapshot {
  const { broker, cluster } = data
  const connections = distinct(data.connections, 'address')
  const sessions = distinct(data.sessions, 'name')
  const exchanges = distinct(data.exchanges, 'name')
  const queues = distinct(data.queues, 'name')
  if (!broker) throw new PythonError('AttributeError', "'NoneType' object has no attribute 'getUpdateTime'")
  const row = [
    broker.updateTs - broker.createTs,
    cluster ? `${attr(cluster, 'clusterName')}<${attr(cluster, 'status')}>` : '<standalone>',
    connections,
    sessions,
    exchanges,
    queues,
  ]
  const heads = SUMMARY.map((c) => ({ text: c.header, format: c.format }))
  let text = formattedTable('Broker Summary:', heads, [row])
  const json = jsonRow(SUMMARY, row)
  if ('queueCount' in broker.values) {
    text += `\n${statisticsTable('Aggregate Broker Statistics:', broker, AGGREGATE_ROWS)}`
    Object.assign(json, statisticsJson(broker, AGGREGATE_ROWS))
  }
  return { text, json: { general: [json] } }
}
