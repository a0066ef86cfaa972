import type { QmfConsole } from '../../../protocol/qmf-types.js'
import { remove } from '../../../services/config/admin.js'
import { ConfigCommand } from '../../../services/config/command.js'
import type { ConfigFlags } from '../../../services/config/flags.js'

export default class Del extends ConfigCommand {
  static override summary = 'del <type> <name>: delete any broker object type.'

  protected async execute(agent: QmfConsole, _flags: ConfigFlags, [type, name]: string[]): Promise<number> {
    await remove(agent, type, name, {})
    return 0
  }
}
