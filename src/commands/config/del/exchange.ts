import type { QmfConsole } from '../../../protocol/qmf-types.js'
import { printUsage } from '../../../render/config-usage.js'
import { remove } from '../../../services/config/admin.js'
import { ConfigCommand } from '../../../services/config/command.js'
import type { ConfigFlags } from '../../../services/config/flags.js'
import { exchangeDeletionPlan } from '../../../services/config/survey.js'
import { applyReplicated } from '../../../services/config/wait-replicated.js'
import { safely } from '../../../services/safe-change.js'

export default class DelExchange extends ConfigCommand {
  static override summary = 'del exchange <name>: delete an exchange.'

  protected async execute(agent: QmfConsole, flags: ConfigFlags, [name]: string[]): Promise<number> {
    if (name === undefined) {
      printUsage()
      return 1
    }
    return safely(
      flags,
      () => exchangeDeletionPlan(agent, name),
      () =>
        applyReplicated(agent, flags, { kind: 'exchange', name, present: false }, async () => {
          await remove(agent, 'exchange', name)
          return 0
        }),
    )
  }
}
