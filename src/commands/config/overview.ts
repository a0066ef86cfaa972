import type { QmfConsole } from '../../protocol/qmf-types.js'
import { overviewJson } from '../../render/config-json.js'
import { overviewOf, renderOverview } from '../../render/config-overview.js'
import { writeJson } from '../../render/json.js'
import { ConfigCommand } from '../../services/config/command.js'
import type { ConfigFlags } from '../../services/config/flags.js'
import { brokerLabel, printLines } from '../../services/config/with-broker.js'

export default class Overview extends ConfigCommand {
  static override summary = 'Totals of exchanges (per type) and queues (durable or not).'
  static override hidden = true

  protected async execute(agent: QmfConsole, flags: ConfigFlags): Promise<number> {
    const [exchanges, queues] = await Promise.all([agent.query('exchange'), agent.query('queue')])
    const overview = overviewOf(exchanges, queues)
    if (flags.json) writeJson({ broker: brokerLabel(flags), overview: overviewJson(overview) })
    else printLines(renderOverview(overview))
    return 0
  }
}
