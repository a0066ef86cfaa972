import type { QmfConsole } from '../../../protocol/qmf-types.js'
import { remove } from '../../../services/config/admin.js'
import { ConfigCommand } from '../../../services/config/command.js'
import type { ConfigFlags } from '../../../services/config/flags.js'
import { objectDeletionPlan } from '../../../services/config/survey.js'
import { safely } from '../../../services/safe-change.js'

export default class Del extends ConfigCommand {
  static override summary = 'del <type> <name>: delete any broker object type.'

  protected async execute(agent: QmfConsole, flags: ConfigFlags, [type, name]: string[]): Promise<number> {
    return safely(
      flags,
      () => objectDeletionPlan(agent, type, name),
      async () => {
        await remove(agent, type, name, {})
        return 0
      },
    )
  }
}
