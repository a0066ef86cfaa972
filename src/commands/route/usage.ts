import { printUsage } from '../../render/route-usage.js'
import { RouteCommand } from '../../services/route/command.js'

export default class Usage extends RouteCommand {
  static override summary = 'Malformed command words: print the synopsis (after connecting, as the original).'
  static override hidden = true

  protected async execute(): Promise<number> {
    return printUsage()
  }
}
