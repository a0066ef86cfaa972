import { addRoute } from '../../../services/route/bridges.js'
import { RouteCommand } from '../../../services/route/command.js'
import type { RouteContext } from '../../../services/route/with-broker.js'

export default class DynamicAdd extends RouteCommand {
  static override summary = 'Add a dynamic route: <exchange> bindings on <dest-broker> pull from <src-broker>.'
  static override usage = 'dynamic add <dest-broker> <src-broker> <exchange> [tag] [exclude-list] [mechanism]'
  protected static override wordCount = [5, 8] as const

  protected async execute(ctx: RouteContext): Promise<undefined> {
    const [, , , , exchange, tag = '', excludes = '', mechanism = ''] = ctx.words
    const spec = { src: exchange, dest: exchange, key: '', tag, excludes, srcIsQueue: false, dynamic: true }
    await addRoute(ctx, spec, mechanism)
  }
}
