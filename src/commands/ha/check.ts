import { Command } from '@oclif/core/command'
import { runCheck } from '../../services/ha/check.js'
import { type CheckFlags, checkFlags } from '../../services/ha/flags.js'

/** Not in the original (docs/ha.md): a Nagios/Icinga plugin for the broker or, with --all, its cluster. */
export default class Check extends Command {
  static override description = 'Check the health of the broker, or with --all of its cluster (monitoring plugin).'
  static override flags = checkFlags

  async run(): Promise<void> {
    const flags = (await this.parse(Check)).flags as unknown as CheckFlags
    const code = await runCheck(flags)
    if (code !== 0) this.exit(code)
  }
}
