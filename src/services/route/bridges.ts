// The bridge half of qpid-route (tools.md §4.4): add a route (exchange, dynamic or queue route)
// over the link to the remote broker with the broker's `create` method, and delete one by closing
// its bridge object.

import { pythonException } from '../../protocol/errors.js'
import type { QmfObject } from '../../protocol/qmf-types.js'
import { brokerUrlText } from '../../protocol/url.js'
import { addLink, brokerObject, checkLink, getLink } from './links.js'
import { invoke } from './method-result.js'
import { type RouteContext, remoteUrl } from './with-broker.js'

export interface BridgeSpec {
  src: string
  dest: string
  key: string
  tag: string
  excludes: string
  srcIsQueue: boolean
  dynamic: boolean
}

/** Python's str() of a bool, as it appears in bridge names. */
const py = (b: boolean) => (b ? 'True' : 'False')

function onLink(bridge: QmfObject, link: QmfObject): boolean {
  const ref = bridge.values.linkRef as { _object_name?: unknown } | undefined
  return ref?._object_name === link.objectName
}

async function addBridge(ctx: RouteContext, link: QmfObject, spec: BridgeSpec): Promise<void> {
  const srcIsLocal = ctx.flags['src-local']
  for (const b of await ctx.agent.query('bridge')) {
    const v = b.values
    if (
      onLink(b, link) &&
      v.dest === spec.dest &&
      v.src === spec.src &&
      Boolean(v.srcIsQueue) === spec.srcIsQueue &&
      v.key === spec.key &&
      Boolean(v.srcIsLocal) === srcIsLocal &&
      Boolean(v.dynamic) === spec.dynamic
    ) {
      if (ctx.flags.quiet) return
      throw pythonException(`Duplicate Route - ignoring: ${spec.dest}(${spec.key || spec.src})`)
    }
  }
  if (ctx.flags.verbose) process.stdout.write('Creating inter-broker binding...\n')
  const linkName = String(link.values.name)
  // The link name goes last: a bridge name starting with the link's `qpid.` would be refused.
  const name = `${spec.dest}:${spec.key || spec.src}:${linkName}:${py(spec.srcIsQueue)}:${py(srcIsLocal)}`
  const broker = await brokerObject(ctx)
  const res = await invoke(ctx.agent, broker.objectName, 'create', {
    type: 'bridge',
    name,
    properties: {
      link: linkName,
      ...spec,
      srcIsLocal,
      durable: ctx.flags.durable,
      sync: ctx.flags.ack ?? 0,
      credit: ctx.flags.credit ?? 0xffffffff,
    },
    strict: false,
  })
  if (res.status !== 0) throw pythonException(res.text)
  if (ctx.flags.verbose) process.stdout.write(`Bridge method returned: ${res.status} ${res.text}\n`)
}

/** `route add` / `dynamic add` / `queue add`: link, wait for it, then the bridge. */
export async function addRoute(ctx: RouteContext, spec: BridgeSpec, mechanism: string): Promise<void> {
  if (spec.dynamic && ctx.flags['src-local']) throw pythonException('--src-local is not permitted on dynamic routes')
  const remote = await addLink(ctx, mechanism)
  const link = await checkLink(ctx, remote, await getLink(ctx, remote))
  await addBridge(ctx, link, spec)
}

type BridgeMatch = (values: QmfObject['values']) => boolean

/** `route del` / `dynamic del` / `queue del`: closes the first matching bridge on the link. */
export async function delRoute(ctx: RouteContext, matches: BridgeMatch): Promise<void> {
  const remote = remoteUrl(ctx)
  const link = await getLink(ctx, remote)
  if (!link) {
    if (ctx.flags.quiet) return
    throw pythonException(`No link found from ${brokerUrlText(remote)} to ${brokerUrlText(ctx.local)}`)
  }
  const bridges = await ctx.agent.query('bridge')
  const srcIsLocal = ctx.flags['src-local']
  const bridge = bridges.find(
    (b) => onLink(b, link) && Boolean(b.values.srcIsLocal) === srcIsLocal && matches(b.values),
  )
  if (!bridge) {
    if (ctx.flags.quiet) return
    throw pythonException('Route not found')
  }
  if (ctx.flags.verbose) process.stdout.write('Closing bridge...\n')
  const res = await invoke(ctx.agent, bridge.objectName, 'close')
  if (res.status !== 0) throw pythonException(`Error closing bridge: ${res.status} - ${res.text}`)
  // As the original: "last bridge" means the only bridge on the whole broker.
  if (bridges.length === 1 && ctx.flags['del-empty-link']) {
    if (ctx.flags.verbose) process.stdout.write('Last bridge on link, closing link...\n')
    const linkRes = await invoke(ctx.agent, link.objectName, 'close')
    if (linkRes.status !== 0) throw pythonException(`Error closing link: ${linkRes.status} - ${linkRes.text}`)
  }
}

/** Matches an exchange route (static or dynamic) for delRoute. */
export function exchangeRoute(exchange: string, key: string, dynamic: boolean): BridgeMatch {
  return (v) => v.dest === exchange && v.key === key && !v.srcIsQueue && Boolean(v.dynamic) === dynamic
}

/** Matches a queue route for delRoute. */
export function queueRoute(exchange: string, queue: string): BridgeMatch {
  return (v) => v.dest === exchange && v.src === queue && Boolean(v.srcIsQueue)
}
