import { delRoute, exchangeRoute } from '../../../services/route/bridges.js'
import { RouteCommand } from '../../../services/route/command.js'
import type { RouteContext } from '../../../services/route/with-broker.js'

export default class DynamicDel extends RouteCommand {
  static override summary = 'Delete the dynamic route for <exchange>.'
  static override usage = 'dynamic del <dest-broker> <src-broker> <exchange>'
  protected static override wordCount = [5, 5] as const

  protected async execute(ctx: RouteContext): Promise<undefined> {
    await delRoute(ctx, exchangeRoute(ctx.words[4], '', true))
  }
}
