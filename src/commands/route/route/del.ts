import { delRoute, exchangeRoute } from '../../../services/route/bridges.js'
import { RouteCommand } from '../../../services/route/command.js'
import type { RouteContext } from '../../../services/route/with-broker.js'

export default class RouteDel extends RouteCommand {
  static override summary = 'Delete the static route for <exchange> and <routing-key>.'
  static override usage = 'route del <dest-broker> <src-broker> <exchange> <routing-key>'
  protected static override wordCount = [6, 6] as const

  protected async execute(ctx: RouteContext): Promise<undefined> {
    await delRoute(ctx, exchangeRoute(ctx.words[4], ctx.words[5], false))
  }
}
