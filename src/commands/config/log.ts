import { getLogLevel, setLogLevel } from '../../config/admin.js'
import { ConfigCommand } from '../../config/command.js'
import type { ConfigFlags } from '../../config/flags.js'
import type { BrokerAgent } from '../../qmf/console.js'

export default class Log extends ConfigCommand {
  static override summary = 'log [<logstring>]: show or set the broker log level.'

  protected async execute(agent: BrokerAgent, _flags: ConfigFlags, [level]: string[]): Promise<number> {
    if (level === undefined) process.stdout.write(`Log level: ${await getLogLevel(agent)}\n`)
    else await setLogLevel(agent, level)
    return 0
  }
}
