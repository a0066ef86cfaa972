import type { QmfConsole } from '../../../protocol/qmf-types.js'
import { create } from '../../../services/config/admin.js'
import { ConfigCommand } from '../../../services/config/command.js'
import { argumentMap } from '../../../services/config/declare.js'
import type { ConfigFlags } from '../../../services/config/flags.js'

export default class Add extends ConfigCommand {
  static override summary = 'add <type> <name>: create any broker object type from --argument properties.'

  protected async execute(agent: QmfConsole, flags: ConfigFlags, [type, name]: string[]): Promise<number> {
    await create(agent, type, name, argumentMap(flags.argument), false)
    return 0
  }
}
