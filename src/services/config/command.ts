// Base of every qpid-config oclif command: the full flag table, free positional words (the router
// already split off the command words), and a run() that connects first and exits with the code
// the command's body returns.
import { Command } from '@oclif/core/command'
import type { QmfConsole } from '../../protocol/qmf-types.js'
import { type ConfigFlags, configFlags } from './flags.js'
import { withBroker } from './with-broker.js'

export abstract class ConfigCommand extends Command {
  static override flags = configFlags
  static override strict = false

  /** The command's work; `words` are the positionals after the command words. Returns the exit code. */
  protected abstract execute(agent: QmfConsole, flags: ConfigFlags, words: string[]): Promise<number>

  async run(): Promise<void> {
    const parsed = await this.parse({ flags: configFlags, strict: false })
    // The flags were derived from the option table that ConfigFlags is typed from.
    const flags = parsed.flags as unknown as ConfigFlags
    const argv = parsed.argv as string[]
    const code = await withBroker(flags, (agent) => this.execute(agent, flags, argv))
    if (code !== 0) this.exit(code)
  }
}
