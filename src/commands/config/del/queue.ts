import type { QmfConsole } from '../../../protocol/qmf-types.js'
import { printUsage } from '../../../render/config-usage.js'
import { remove } from '../../../services/config/admin.js'
import { ConfigCommand } from '../../../services/config/command.js'
import type { ConfigFlags } from '../../../services/config/flags.js'
import { queueDeletionPlan } from '../../../services/config/survey.js'
import { applyReplicated } from '../../../services/config/wait-replicated.js'
import { safely } from '../../../services/safe-change.js'

export default class DelQueue extends ConfigCommand {
  static override summary = 'del queue <name>: delete a queue if empty and unused, unless --force*.'

  protected async execute(agent: QmfConsole, flags: ConfigFlags, [name]: string[]): Promise<number> {
    if (name === undefined) {
      printUsage()
      return 1
    }
    const options = {
      if_empty: !(flags.force || flags['force-if-not-empty']),
      if_unused: !(flags.force || flags['force-if-used']),
    }
    return safely(
      flags,
      () => queueDeletionPlan(agent, name, { ifEmpty: options.if_empty, ifUnused: options.if_unused }),
      () =>
        applyReplicated(agent, flags, { kind: 'queue', name, present: false }, async () => {
          await remove(agent, 'queue', name, options)
          return 0
        }),
    )
  }
}
