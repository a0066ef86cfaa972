// `qpid-stat -m`: every value of the broker's memory object but its name (tools.md §2.8).
import { PythonError } from '../protocol/errors.js'
import type { QmfObject } from '../protocol/qmf-types.js'
import { jsonObject } from './json.js'
import type { Snapshot } from './stat-view.js'
import { formattedTable } from './table.js'

export function memoryView(memory: QmfObject | undefined): Snapshot {
  // The original dereferences the missing object and dies with this AttributeError.
  if (!memory) throw new PythonError('AttributeError', "'NoneType' object has no attribute 'values'")
  const entries = Object.entries(memory.values).filter(([k]) => k !== 'name')
  return {
    text: formattedTable(
      'Broker Memory Statistics:',
      [{ text: 'Statistic' }, { text: 'Value', format: 'COMMAS' }],
      entries,
    ),
    json: { memory: [jsonObject(Object.fromEntries(entries))] },
  }
}
