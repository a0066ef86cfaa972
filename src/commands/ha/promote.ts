import { Command } from '@oclif/core/command'
import { HA_BROKER_OBJECT } from '../../protocol/qmf-request.js'
import { openHa, resolveTarget, runHa } from '../../services/ha/brokers.js'
import { type ConnectionFlags, connectionFlags } from '../../services/ha/flags.js'

export default class Promote extends Command {
  static override description = '[Cluster manager only] Promote a backup broker to primary'
  static override flags = connectionFlags

  async run(): Promise<void> {
    const flags = (await this.parse(Promote)).flags as ConnectionFlags
    const code = await runHa(async () => {
      const { agent } = await openHa(resolveTarget(flags))
      try {
        await agent.callMethod(HA_BROKER_OBJECT, 'promote')
      } finally {
        agent.close()
      }
      return 0
    })
    if (code !== 0) this.exit(code)
  }
}
