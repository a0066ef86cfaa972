import type { QmfConsole } from '../../protocol/qmf-types.js'
import { printUsage } from '../../render/config-usage.js'
import { unbind } from '../../services/config/admin.js'
import { ConfigCommand } from '../../services/config/command.js'
import type { ConfigFlags } from '../../services/config/flags.js'
import { unbindingPlan } from '../../services/config/survey.js'
import { applyReplicated } from '../../services/config/wait-replicated.js'
import { safely } from '../../services/safe-change.js'

export default class Unbind extends ConfigCommand {
  static override summary = 'unbind <exchange> <queue> [binding-key]'

  protected async execute(agent: QmfConsole, flags: ConfigFlags, words: string[]): Promise<number> {
    if (words.length < 2) {
      printUsage()
      return 1
    }
    const [exchange, queue, key = ''] = words
    return safely(
      flags,
      () => unbindingPlan(agent, exchange, queue, key),
      () =>
        applyReplicated(agent, flags, { kind: 'binding', exchange, queue, key, present: false }, async () => {
          await unbind(agent, exchange, queue, key)
          return 0
        }),
    )
  }
}
