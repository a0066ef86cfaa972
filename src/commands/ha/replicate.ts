import * as Args from '@oclif/core/args'
import { Command } from '@oclif/core/command'
import { HA_BROKER_OBJECT } from '../../protocol/qmf-request.js'
import { openHa, resolveTarget, runHa } from '../../services/ha/brokers.js'
import { type ConnectionFlags, connectionFlags } from '../../services/ha/flags.js'

export default class Replicate extends Command {
  static override description = 'Set up replication from <queue> on <remote-broker> to <queue> on the current broker.'
  // The original passes its first argument as the broker and the second as the queue, although
  // its usage says `<queue> <remote-broker>` (golden 97/97b); we keep that order.
  static override args = { broker: Args.string({ required: true }), queue: Args.string({ required: true }) }
  static override flags = connectionFlags

  async run(): Promise<void> {
    const parsed = await this.parse(Replicate)
    const { args } = parsed
    const flags = parsed.flags as ConnectionFlags
    const code = await runHa(async () => {
      const { agent } = await openHa(resolveTarget(flags))
      try {
        await agent.callMethod(HA_BROKER_OBJECT, 'replicate', { broker: args.broker, queue: args.queue })
      } finally {
        agent.close()
      }
      return 0
    })
    if (code !== 0) this.exit(code)
  }
}
