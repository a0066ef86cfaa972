import { RouteCommand } from '../../services/route/command.js'

export default class None extends RouteCommand {
  static override summary = 'An unknown `link`/`dynamic` word: the original connected and did nothing (exit 0).'
  static override hidden = true

  protected async execute(): Promise<undefined> {}
}
