import { brokerUrlText, hostPort } from '../../../protocol/url.js'
import { writeJson } from '../../../render/json.js'
import { keyText, renderRoutes, routeRows } from '../../../render/route-list.js'
import { RouteCommand } from '../../../services/route/command.js'
import type { RouteContext } from '../../../services/route/with-broker.js'

export default class RouteList extends RouteCommand {
  static override summary = "List the broker's routes (--json: one object per route)."
  static override usage = 'route list [<dest-broker>]'

  protected async execute(ctx: RouteContext): Promise<undefined> {
    const links = await ctx.agent.query('link')
    const rows = routeRows(links, await ctx.agent.query('bridge'))
    if (!ctx.flags.json) {
      process.stdout.write(renderRoutes(brokerUrlText(ctx.local), rows))
      return
    }
    const routes = rows.map(({ bridge, link }) => ({
      link: `${link.values.host}:${link.values.port}`,
      dest: String(bridge.values.dest),
      key: keyText(bridge),
      src: String(bridge.values.src),
      srcIsQueue: Boolean(bridge.values.srcIsQueue),
      srcIsLocal: Boolean(bridge.values.srcIsLocal),
      dynamic: Boolean(bridge.values.dynamic),
    }))
    writeJson({ broker: hostPort(ctx.local), routes })
  }
}
