import type { QmfConsole } from '../../../protocol/qmf-types.js'
import { printUsage } from '../../../render/config-usage.js'
import { create, startReplica } from '../../../services/config/admin.js'
import { ConfigCommand } from '../../../services/config/command.js'
import { queueProperties } from '../../../services/config/declare.js'
import type { ConfigFlags } from '../../../services/config/flags.js'
import { applyReplicated } from '../../../services/config/wait-replicated.js'

export default class AddQueue extends ConfigCommand {
  static override summary = 'add queue <name>: declare a queue; --start-replica then starts HA replication.'

  protected async execute(agent: QmfConsole, flags: ConfigFlags, [name]: string[]): Promise<number> {
    if (name === undefined) {
      printUsage()
      return 1
    }
    return applyReplicated(agent, flags, { kind: 'queue', name, present: true }, async () => {
      await create(agent, 'queue', name, queueProperties(flags), true)
      if (flags['start-replica']) await startReplica(agent, flags['start-replica'], name)
      return 0
    })
  }
}
