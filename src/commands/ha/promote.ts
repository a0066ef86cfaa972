import { Command } from '@oclif/core/command'
import { HA_BROKER_OBJECT } from '../../protocol/qmf-request.js'
import { openHa, resolveTarget, runHa } from '../../services/ha/brokers.js'
import { type PromoteFlags, promoteFlags } from '../../services/ha/flags.js'
import { refuseSecondPrimary } from '../../services/ha/split-brain.js'

export default class Promote extends Command {
  static override description = '[Cluster manager only] Promote a backup broker to primary'
  static override flags = promoteFlags

  async run(): Promise<void> {
    const flags = (await this.parse(Promote)).flags as unknown as PromoteFlags
    const code = await runHa(async () => {
      const target = resolveTarget(flags)
      const { agent, ha } = await openHa(target)
      try {
        if (!flags.force) await refuseSecondPrimary(ha, flags, target)
        await agent.callMethod(HA_BROKER_OBJECT, 'promote')
      } finally {
        agent.close()
      }
      return 0
    })
    if (code !== 0) this.exit(code)
  }
}
