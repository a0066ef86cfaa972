import { RouteCommand } from '../../../services/route/command.js'
import { mapRoutes } from '../../../services/route/map.js'
import type { RouteContext } from '../../../services/route/with-broker.js'

export default class RouteMap extends RouteCommand {
  static override summary = 'Follow links from <broker> to every reachable broker and print all their routes.'
  static override usage = 'route map [<broker>]'

  protected async execute(ctx: RouteContext): Promise<undefined> {
    await mapRoutes(ctx)
  }
}
