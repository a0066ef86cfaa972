import { RouteCommand } from '../../../services/route/command.js'
import { clearAllRoutes } from '../../../services/route/flush.js'
import type { RouteContext } from '../../../services/route/with-broker.js'

export default class RouteFlush extends RouteCommand {
  static override summary = 'Delete every route on the broker (with -e also every link).'
  static override usage = 'route flush [<dest-broker>]'

  protected async execute(ctx: RouteContext): Promise<undefined> {
    await clearAllRoutes(ctx)
  }
}
