import { printUsage } from '../../cli/tools/qpid-config-usage.js'
import { unbind } from '../../config/admin.js'
import { ConfigCommand } from '../../config/command.js'
import type { ConfigFlags } from '../../config/flags.js'
import type { BrokerAgent } from '../../qmf/console.js'

export default class Unbind extends ConfigCommand {
  static override summary = 'unbind <exchange> <queue> [binding-key]'

  protected async execute(agent: BrokerAgent, _flags: ConfigFlags, words: string[]): Promise<number> {
    if (words.length < 2) {
      printUsage()
      return 1
    }
    const [exchange, queue, key = ''] = words
    await unbind(agent, exchange, queue, key)
    return 0
  }
}
