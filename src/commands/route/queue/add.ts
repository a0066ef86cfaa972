import { addRoute } from '../../../services/route/bridges.js'
import { RouteCommand } from '../../../services/route/command.js'
import type { RouteContext } from '../../../services/route/with-broker.js'

export default class QueueAdd extends RouteCommand {
  static override summary =
    'Add a queue route: messages on <queue> of <src-broker> flow to <exchange> on <dest-broker>.'
  static override usage = 'queue add <dest-broker> <src-broker> <exchange> <queue> [mechanism]'

  protected async execute(ctx: RouteContext): Promise<undefined> {
    const [, , , , exchange, queue, mechanism = ''] = ctx.words
    const spec = { src: queue, dest: exchange, key: '', tag: '', excludes: '', srcIsQueue: true, dynamic: false }
    await addRoute(ctx, spec, mechanism)
  }
}
