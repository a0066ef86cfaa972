import { create } from '../../../config/admin.js'
import { ConfigCommand } from '../../../config/command.js'
import { argumentMap } from '../../../config/declare.js'
import type { ConfigFlags } from '../../../config/flags.js'
import type { BrokerAgent } from '../../../qmf/console.js'

export default class Add extends ConfigCommand {
  static override summary = 'add <type> <name>: create any broker object type from --argument properties.'

  protected async execute(agent: BrokerAgent, flags: ConfigFlags, [type, name]: string[]): Promise<number> {
    await create(agent, type, name, argumentMap(flags.argument), false)
    return 0
  }
}
