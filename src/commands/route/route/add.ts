import { addRoute } from '../../../services/route/bridges.js'
import { RouteCommand } from '../../../services/route/command.js'
import type { RouteContext } from '../../../services/route/with-broker.js'

export default class RouteAdd extends RouteCommand {
  static override summary = 'Add a static route: messages for <routing-key> on <src-broker> flow to <dest-broker>.'
  static override usage =
    'route add <dest-broker> <src-broker> <exchange> <routing-key> [tag] [exclude-list] [mechanism]'
  protected static override wordCount = [6, 9] as const

  protected async execute(ctx: RouteContext): Promise<undefined> {
    const [, , , , exchange, key, tag = '', excludes = '', mechanism = ''] = ctx.words
    const spec = { src: exchange, dest: exchange, key, tag, excludes, srcIsQueue: false, dynamic: false }
    await addRoute(ctx, spec, mechanism)
  }
}
