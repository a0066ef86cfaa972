// `qpid-route route map` (tools.md §4.4 mapRoutes): starting from the local broker, connect to
// every broker a link points at (with the local broker's credentials) until no new one turns up,
// printing each attempt as it happens; then print the routes of all of them.

import type { QmfConsole, QmfObject } from '../../protocol/qmf-types.js'
import type { BrokerUrl } from '../../protocol/url.js'
import { brokerUrlText } from '../../protocol/url.js'
import type { BrokerAgent } from '../../qmf/console.js'
import { type MappedBridge, renderRouteMap } from '../../render/route-map.js'
import { connect, type RouteContext } from './with-broker.js'

interface MappedBroker {
  agent: QmfConsole
  /** `host:port`, as qmf.console's Broker.getUrl() printed it. */
  url: string
}

/** Queries a class on every broker, in the order they were found. */
async function queryAll(brokers: readonly MappedBroker[], className: string) {
  const out: { broker: MappedBroker; object: QmfObject }[] = []
  for (const broker of brokers) {
    for (const object of await broker.agent.query(className)) out.push({ broker, object })
  }
  return out
}

async function discover(ctx: RouteContext, brokers: MappedBroker[], opened: BrokerAgent[]): Promise<void> {
  const known = new Set([brokerUrlText(ctx.local)])
  let added = true
  while (added) {
    added = false
    for (const { object: link } of await queryAll(brokers, 'link')) {
      const url: BrokerUrl = {
        scheme: 'amqp',
        user: ctx.local.user,
        password: ctx.local.password,
        host: String(link.values.host),
        port: Math.trunc(Number(link.values.port)),
        text: '',
      }
      if (known.has(brokerUrlText(url))) continue
      process.stdout.write(`    ${url.host}:${url.port}...\n`)
      try {
        const agent = await connect(url, ctx.flags)
        opened.push(agent)
        brokers.push({ agent, url: `${url.host}:${url.port}` })
        known.add(brokerUrlText(url))
        added = true
        process.stdout.write('Ok\n')
      } catch (err) {
        process.stdout.write(`${err instanceof Error ? err.message : String(err)}\n`)
      }
    }
  }
}

export async function mapRoutes(ctx: RouteContext): Promise<void> {
  process.stdout.write('\nFinding Linked Brokers:\n')
  process.stdout.write(`    ${ctx.local.host}:${ctx.local.port}... Ok\n`)
  const brokers: MappedBroker[] = [{ agent: ctx.agent, url: `${ctx.local.host}:${ctx.local.port}` }]
  /** The consoles this map opened itself (the local one belongs to the command). */
  const opened: BrokerAgent[] = []
  try {
    await discover(ctx, brokers, opened)
    const links = await queryAll(brokers, 'link')
    const mapped: MappedBridge[] = []
    for (const { broker, object: bridge } of await queryAll(brokers, 'bridge')) {
      const ref = (bridge.values.linkRef as { _object_name?: unknown } | undefined)?._object_name
      const link = links.find((l) => l.broker === broker && l.object.objectName === ref)?.object
      if (link) mapped.push({ bridge, link, holder: broker.url })
    }
    process.stdout.write(renderRouteMap(mapped))
  } finally {
    for (const agent of opened) agent.close()
  }
}
