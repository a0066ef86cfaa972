import type { QmfConsole } from '../../../protocol/qmf-types.js'
import { printUsage } from '../../../render/config-usage.js'
import { create } from '../../../services/config/admin.js'
import { ConfigCommand } from '../../../services/config/command.js'
import { exchangeProperties } from '../../../services/config/declare.js'
import type { ConfigFlags } from '../../../services/config/flags.js'
import { applyReplicated } from '../../../services/config/wait-replicated.js'

export default class AddExchange extends ConfigCommand {
  static override summary = 'add exchange <type> <name>: declare an exchange (extra words are ignored).'

  protected async execute(agent: QmfConsole, flags: ConfigFlags, words: string[]): Promise<number> {
    if (words.length < 2) {
      printUsage()
      return 1
    }
    const [type, name] = words
    return applyReplicated(agent, flags, { kind: 'exchange', name, present: true }, async () => {
      await create(agent, 'exchange', name, { 'exchange-type': type, ...exchangeProperties(flags) }, true)
      return 0
    })
  }
}
