// `qpid-route route flush` (tools.md §4.4 clearAllRoutes): close every bridge, and with -e every
// link. Failures are printed, not raised. With -v each object gets `Deleting ...` and, after
// Python 2's soft space, `Ok` or the error on the same line.
import type { QmfObject } from '../../protocol/qmf-types.js'
import { invoke } from './method-result.js'
import type { RouteContext } from './with-broker.js'

const hostPort = (link: QmfObject) => `${link.values.host}:${Math.trunc(Number(link.values.port))}`

async function closeEach(ctx: RouteContext, objects: QmfObject[], label: (o: QmfObject) => string | undefined) {
  for (const o of objects) {
    const prefix = ctx.flags.verbose ? label(o) : undefined
    // `print "...",` leaves a pending soft space: the next print starts with a blank.
    if (prefix !== undefined) process.stdout.write(`${prefix}... `)
    const space = prefix !== undefined ? ' ' : ''
    const res = await invoke(ctx.agent, o.objectName, 'close')
    if (res.status !== 0) process.stdout.write(`${space}Error: ${res.status} - ${res.text}\n`)
    else if (ctx.flags.verbose) process.stdout.write(`${space}Ok\n`)
  }
}

export async function clearAllRoutes(ctx: RouteContext): Promise<void> {
  const links = await ctx.agent.query('link')
  const bridges = await ctx.agent.query('bridge')
  await closeEach(ctx, bridges, (b) => {
    const ref = (b.values.linkRef as { _object_name?: unknown } | undefined)?._object_name
    const link = links.find((l) => l.objectName === ref)
    return link && `Deleting Bridge: ${hostPort(link)} ${b.values.dest} ${b.values.key}`
  })
  if (ctx.flags['del-empty-link']) {
    await closeEach(ctx, await ctx.agent.query('link'), (l) => `Deleting Link: ${hostPort(l)}`)
  }
}
