import { printUsage } from '../../render/config-usage.js'
import { ConfigCommand } from '../../services/config/command.js'

export default class Usage extends ConfigCommand {
  static override summary = 'Malformed command words: print the synopsis (after connecting, as the original).'
  static override hidden = true

  protected async execute(): Promise<number> {
    printUsage()
    return 1
  }
}
