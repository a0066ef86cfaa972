import { delRoute, queueRoute } from '../../../services/route/bridges.js'
import { RouteCommand } from '../../../services/route/command.js'
import type { RouteContext } from '../../../services/route/with-broker.js'

export default class QueueDel extends RouteCommand {
  static override summary = 'Delete the queue route from <queue> to <exchange>.'
  static override usage = 'queue del <dest-broker> <src-broker> <exchange> <queue>'

  protected async execute(ctx: RouteContext): Promise<undefined> {
    await delRoute(ctx, queueRoute(ctx.words[4], ctx.words[5]))
  }
}
