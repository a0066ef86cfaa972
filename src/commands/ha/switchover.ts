import { Command } from '@oclif/core/command'
import { resolveTarget, runHa } from '../../services/ha/brokers.js'
import { type SwitchoverFlags, switchoverFlags } from '../../services/ha/flags.js'
import { runSwitchover } from '../../services/ha/switchover.js'

/** Not in the original (docs/ha.md): a planned change of primary, checked and measured. */
export default class Switchover extends Command {
  static override description = 'Make a ready backup with no replication lag the primary, stopping the old one.'
  static override flags = switchoverFlags

  async run(): Promise<void> {
    const flags = (await this.parse(Switchover)).flags as unknown as SwitchoverFlags
    const code = await runHa(() => runSwitchover(flags, resolveTarget(flags)))
    if (code !== 0) this.exit(code)
  }
}
