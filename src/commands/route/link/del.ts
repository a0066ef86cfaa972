import { RouteCommand } from '../../../services/route/command.js'
import { delLink } from '../../../services/route/links.js'
import type { RouteContext } from '../../../services/route/with-broker.js'

export default class LinkDel extends RouteCommand {
  static override summary = 'Close the link from <dest-broker> to <src-broker>.'
  static override usage = 'link del <dest-broker> <src-broker>'
  protected static override wordCount = [4, 4] as const

  protected async execute(ctx: RouteContext): Promise<undefined> {
    await delLink(ctx)
  }
}
