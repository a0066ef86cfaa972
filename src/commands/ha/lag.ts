import { Command } from '@oclif/core/command'
import { resolveTarget, runHa } from '../../services/ha/brokers.js'
import { type LagFlags, lagFlags } from '../../services/ha/flags.js'
import { lagView, watchLag } from '../../services/ha/lag.js'

/** Not in the original (docs/ha.md): how far each backup is behind on every fully replicated queue. */
export default class Lag extends Command {
  static override description = 'Show the replication lag of every backup, per fully replicated queue.'
  static override flags = lagFlags

  async run(): Promise<void> {
    const flags = (await this.parse(Lag)).flags as unknown as LagFlags
    const code = await runHa(async () => {
      const target = resolveTarget(flags)
      if (flags.watch !== undefined) await watchLag(flags, target, Number(flags.watch))
      else process.stdout.write(await lagView(flags, target))
      return 0
    })
    if (code !== 0) this.exit(code)
  }
}
