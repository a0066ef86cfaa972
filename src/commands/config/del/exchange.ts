import { printUsage } from '../../../cli/tools/qpid-config-usage.js'
import { remove } from '../../../config/admin.js'
import { ConfigCommand } from '../../../config/command.js'
import type { ConfigFlags } from '../../../config/flags.js'
import type { BrokerAgent } from '../../../qmf/console.js'

export default class DelExchange extends ConfigCommand {
  static override summary = 'del exchange <name>: delete an exchange.'

  protected async execute(agent: BrokerAgent, _flags: ConfigFlags, [name]: string[]): Promise<number> {
    if (name === undefined) {
      printUsage()
      return 1
    }
    await remove(agent, 'exchange', name)
    return 0
  }
}
