import type { QmfConsole } from '../../protocol/qmf-types.js'
import { renderQueueBindings } from '../../render/config-bindings.js'
import { queuesJson } from '../../render/config-json.js'
import { renderQueues } from '../../render/config-queues.js'
import { writeJson } from '../../render/json.js'
import { ConfigCommand } from '../../services/config/command.js'
import type { ConfigFlags } from '../../services/config/flags.js'
import { brokerLabel, printLines } from '../../services/config/with-broker.js'

export default class Queues extends ConfigCommand {
  static override summary = 'List queues whose name contains the filter; -r adds their bindings.'

  protected async execute(agent: QmfConsole, flags: ConfigFlags, [filter = '']: string[]): Promise<number> {
    if (flags.recursive) {
      const [exchanges, bindings, queues] = await Promise.all(
        ['exchange', 'binding', 'queue'].map((c) => agent.query(c)),
      )
      if (flags.json) writeJson({ broker: brokerLabel(flags), queues: queuesJson(queues, filter, bindings) })
      else printLines(renderQueueBindings(exchanges, bindings, queues, filter, flags['ignore-default']))
      return 0
    }
    const queues = await agent.query('queue')
    if (flags.json) {
      const rows = queuesJson(queues, filter)
      writeJson({ broker: brokerLabel(flags), queues: rows })
      return rows.length > 0 ? 0 : 1
    }
    const lines = renderQueues(queues, filter)
    if (!lines) return 1
    printLines(lines)
    return 0
  }
}
