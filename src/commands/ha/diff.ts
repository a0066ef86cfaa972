import { Command } from '@oclif/core/command'
import { resolveTarget, runHa } from '../../services/ha/brokers.js'
import { runDiff } from '../../services/ha/diff.js'
import { type ConnectionFlags, connectionFlags } from '../../services/ha/flags.js'

/** Not in the original (docs/ha.md): replicated configuration that differs between primary and backups. */
export default class Diff extends Command {
  static override description = 'Show the replicated queues, exchanges and bindings that differ on a backup.'
  static override flags = connectionFlags

  async run(): Promise<void> {
    const flags = (await this.parse(Diff)).flags as unknown as ConnectionFlags
    const code = await runHa(() => runDiff(flags, resolveTarget(flags)))
    if (code !== 0) this.exit(code)
  }
}
