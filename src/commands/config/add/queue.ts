import { printUsage } from '../../../cli/tools/qpid-config-usage.js'
import { create, startReplica } from '../../../config/admin.js'
import { ConfigCommand } from '../../../config/command.js'
import { queueProperties } from '../../../config/declare.js'
import type { ConfigFlags } from '../../../config/flags.js'
import type { BrokerAgent } from '../../../qmf/console.js'

export default class AddQueue extends ConfigCommand {
  static override summary = 'add queue <name>: declare a queue; --start-replica then starts HA replication.'

  protected async execute(agent: BrokerAgent, flags: ConfigFlags, [name]: string[]): Promise<number> {
    if (name === undefined) {
      printUsage()
      return 1
    }
    await create(agent, 'queue', name, queueProperties(flags), true)
    if (flags['start-replica']) await startReplica(agent, flags['start-replica'], name)
    return 0
  }
}
