// `qpid-stat -q <name>`: one queue's properties, optional properties and statistics
// (tools.md §2.6).
import type { QmfObject } from '../protocol/qmf-types.js'
import { jsonValue } from './json.js'
import { DEPTH_ROWS, DISCARD_ROWS, type StatisticRow, statisticsJson, statisticsTable } from './stat-statistics.js'
import { attr, type Column, jsonRow, prop, type Snapshot } from './stat-view.js'
import { formattedTable } from './table.js'

const PROPERTIES: readonly Column<QmfObject>[] = [
  prop('Name', 'name'),
  prop('Durable', 'durable', 'YN'),
  prop('AutoDelete', 'autoDelete', 'YN'),
  prop('Exclusive', 'exclusive', 'YN'),
  prop('FlowStopped', 'flowStopped', 'YN'),
  prop('FlowStoppedCount', 'flowStoppedCount', 'COMMAS'),
  prop('Consumers', 'consumerCount', 'COMMAS'),
  prop('Bindings', 'bindingCount', 'COMMAS'),
]

const QUEUE_ROWS: readonly StatisticRow[] = [...DEPTH_ROWS, ...DISCARD_ROWS, ['reroutes', 'reroutes', undefined]]

/** `queue`: the object named `name`, absent when the broker has no such queue. */
export function queueView(name: string, queue: QmfObject | undefined): Snapshot {
  if (!queue) return { text: `Queue '${name}' not found\n`, json: { queues: [] } }
  const props = PROPERTIES.map((c) => c.value(queue))
  const optional = [
    ['arguments', attr(queue, 'arguments')],
    ['alt-exchange', attr(queue, 'altExchange')],
  ]
  const text = [
    formattedTable(
      'Properties:',
      PROPERTIES.map((c) => ({ text: c.header, format: c.format })),
      [props],
    ),
    formattedTable('Optional Properties:', [{ text: 'Property' }, { text: 'Value' }], optional),
    statisticsTable('Statistics:', queue, QUEUE_ROWS),
  ].join('\n')
  const json = {
    ...jsonRow(PROPERTIES, props),
    arguments: jsonValue(queue.values.arguments),
    altExchange: jsonValue(attr(queue, 'altExchange')),
    ...statisticsJson(queue, QUEUE_ROWS),
  }
  return { text, json: { queues: [json] } }
}
