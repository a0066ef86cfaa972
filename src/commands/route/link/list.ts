import { hostPort } from '../../../protocol/url.js'
import { jsonObject, writeJson } from '../../../render/json.js'
import { renderLinks } from '../../../render/route-links.js'
import { RouteCommand } from '../../../services/route/command.js'
import type { RouteContext } from '../../../services/route/with-broker.js'

export default class LinkList extends RouteCommand {
  static override summary = "List the broker's links (--json: one object per link)."
  static override usage = 'link list [<dest-broker>]'

  protected async execute(ctx: RouteContext): Promise<undefined> {
    const links = await ctx.agent.query('link')
    if (ctx.flags.json) {
      writeJson({ broker: hostPort(ctx.local), links: links.map((l) => jsonObject(l.values)) })
    } else {
      process.stdout.write(renderLinks(links))
    }
  }
}
