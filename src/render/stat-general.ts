// `qpid-stat -g`: the broker summary and, when the broker reports them, its aggregate message
// statistics (tools.md §2.2).

import { PythonError } from '../protocol/errors.js'
import { DEPTH_ROWS, DISCARD_ROWS, type StatisticRow, statisticsJson, statisticsTable } from './stat-statistics.js'
import { attr, type Column, jsonRow, type Snapshot, type StatSource } from './stat-view.js'
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

/** How many distinct values of `key` the class has: the original counted dictionary keys. */
async function distinct(src: StatSource, className: string, key: string): Promise<number> {
  return new Set((await src.query(className)).map((o) => attr(o, key))).size
}

export async function generalView(src: StatSource): Promise<Snapshot> {
  // One after the other, broker first, as the original: the broker's totals then do not yet
  // count the replies to this tool's own later questions.
  const broker = await src.getSingleton('broker')
  const cluster = await src.getSingleton('cluster')
  const connections = await distinct(src, 'connection', 'address')
  const sessions = await distinct(src, 'session', 'name')
  const exchanges = await distinct(src, 'exchange', 'name')
  const queues = await distinct(src, 'queue', 'name')
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
