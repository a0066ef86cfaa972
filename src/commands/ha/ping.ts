import { Command } from '@oclif/core/command'
import { ping, resolveTarget, runHa } from '../../services/ha/brokers.js'
import { type ConnectionFlags, connectionFlags } from '../../services/ha/flags.js'

export default class Ping extends Command {
  static override description = 'Check if the broker is alive and responding'
  static override flags = connectionFlags

  async run(): Promise<void> {
    const flags = (await this.parse(Ping)).flags as ConnectionFlags
    const code = await runHa(async () => {
      await ping(resolveTarget(flags))
      return 0
    })
    if (code !== 0) this.exit(code)
  }
}
