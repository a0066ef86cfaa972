import { RouteCommand } from '../../../services/route/command.js'
import { addLink, checkLink, getLink } from '../../../services/route/links.js'
import type { RouteContext } from '../../../services/route/with-broker.js'

export default class LinkAdd extends RouteCommand {
  static override summary = 'Create a link from <dest-broker> to <src-broker> and wait until it is up.'
  static override usage = 'link add <dest-broker> <src-broker> [mechanism]'
  protected static override wordCount = [3, 5] as const

  protected async execute(ctx: RouteContext): Promise<undefined> {
    const remote = await addLink(ctx, ctx.words[4] ?? '')
    await checkLink(ctx, remote, await getLink(ctx, remote))
  }
}
