import { Command } from '@oclif/core/command'
import { HA_BROKER_OBJECT } from '../../protocol/qmf-request.js'
import { statusWord } from '../../render/ha-status.js'
import { promotion } from '../../render/preview.js'
import { openHa, resolveTarget, runHa } from '../../services/ha/brokers.js'
import { type PromoteFlags, promoteFlags } from '../../services/ha/flags.js'
import { otherMembers, refuseSecondPrimary } from '../../services/ha/split-brain.js'
import { safely } from '../../services/safe-change.js'

export default class Promote extends Command {
  static override description = '[Cluster manager only] Promote a backup broker to primary'
  static override flags = promoteFlags

  async run(): Promise<void> {
    const flags = (await this.parse(Promote)).flags as unknown as PromoteFlags
    const code = await runHa(async () => {
      const target = resolveTarget(flags)
      const { agent, ha } = await openHa(target)
      try {
        // --force alone promotes as the original did, asking no other member
        const others = flags.force ? undefined : await otherMembers(ha, flags, target)
        return await safely(
          flags,
          async () =>
            promotion(target.text, statusWord(ha), others ?? (await otherMembers(ha, flags, target)), flags.force),
          async () => {
            if (others) refuseSecondPrimary(others, target)
            await agent.callMethod(HA_BROKER_OBJECT, 'promote')
            return 0
          },
        )
      } finally {
        agent.close()
      }
    })
    if (code !== 0) this.exit(code)
  }
}
