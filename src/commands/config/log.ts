import type { QmfConsole } from '../../protocol/qmf-types.js'
import { getLogLevel, setLogLevel } from '../../services/config/admin.js'
import { ConfigCommand } from '../../services/config/command.js'
import type { ConfigFlags } from '../../services/config/flags.js'

export default class Log extends ConfigCommand {
  static override summary = 'log [<logstring>]: show or set the broker log level.'

  protected async execute(agent: QmfConsole, _flags: ConfigFlags, [level]: string[]): Promise<number> {
    if (level === undefined) process.stdout.write(`Log level: ${await getLogLevel(agent)}\n`)
    else await setLogLevel(agent, level)
    return 0
  }
}
