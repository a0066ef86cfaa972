import type { QmfConsole } from '../../protocol/qmf-types.js'
import { writeJson } from '../../render/json.js'
import { getLogLevel, setLogLevel } from '../../services/config/admin.js'
import { ConfigCommand } from '../../services/config/command.js'
import type { ConfigFlags } from '../../services/config/flags.js'
import { brokerLabel } from '../../services/config/with-broker.js'

export default class Log extends ConfigCommand {
  static override summary = 'log [<logstring>]: show or set the broker log level.'

  protected async execute(agent: QmfConsole, flags: ConfigFlags, [level]: string[]): Promise<number> {
    if (level !== undefined) await setLogLevel(agent, level)
    else if (flags.json) writeJson({ broker: brokerLabel(flags), logLevel: await getLogLevel(agent) })
    else process.stdout.write(`Log level: ${await getLogLevel(agent)}\n`)
    return 0
  }
}
