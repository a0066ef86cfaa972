import { printUsage } from '../../../cli/tools/qpid-config-usage.js'
import { create } from '../../../config/admin.js'
import { ConfigCommand } from '../../../config/command.js'
import { exchangeProperties } from '../../../config/declare.js'
import type { ConfigFlags } from '../../../config/flags.js'
import type { BrokerAgent } from '../../../qmf/console.js'

export default class AddExchange extends ConfigCommand {
  static override summary = 'add exchange <type> <name>: declare an exchange (extra words are ignored).'

  protected async execute(agent: BrokerAgent, flags: ConfigFlags, words: string[]): Promise<number> {
    if (words.length < 2) {
      printUsage()
      return 1
    }
    const [type, name] = words
    await create(agent, 'exchange', name, { 'exchange-type': type, ...exchangeProperties(flags) }, true)
    return 0
  }
}
