// The link half of qpid-route (tools.md §4.4): find the link to the remote broker, create it with
// the broker's `connect` method, wait for it to settle, and close it.

import { PythonError, pythonException } from '../../protocol/errors.js'
import type { QmfObject } from '../../protocol/qmf-types.js'
import type { BrokerUrl } from '../../protocol/url.js'
import { sameBroker } from '../../protocol/url.js'
import { invoke } from './method-result.js'
import { type RouteContext, remoteUrl } from './with-broker.js'

const SETTLING = ['Waiting', 'Connecting', 'Closing']
/** The original re-queried up to 3 times, 1 s apart; we poll faster within the same 3 s. */
const SETTLE_MS = 3000
const POLL_MS = 100

/** The first link whose host and port resolve to the remote broker's. */
export async function getLink(ctx: RouteContext, remote: BrokerUrl): Promise<QmfObject | undefined> {
  for (const link of await ctx.agent.query('link')) {
    if (await sameBroker(remote, String(link.values.host), Number(link.values.port))) return link
  }
  return undefined
}

/** The broker object the original took as `getObjects(_class="broker")[0]`. */
export async function brokerObject(ctx: RouteContext): Promise<QmfObject> {
  const broker = await ctx.agent.getSingleton('broker')
  if (!broker) throw new PythonError('IndexError', 'list index out of range')
  return broker
}

/** Creates the link to the remote broker unless one exists; `connect` failures show up in checkLink. */
export async function addLink(ctx: RouteContext, mechanism: string): Promise<BrokerUrl> {
  const remote = remoteUrl(ctx)
  if (await sameBroker(ctx.local, remote.host, remote.port)) {
    throw pythonException('Linking broker to itself is not permitted')
  }
  const broker = await brokerObject(ctx)
  if (!(await getLink(ctx, remote))) {
    await invoke(ctx.agent, broker.objectName, 'connect', {
      host: remote.host,
      port: remote.port,
      durable: ctx.flags.durable,
      authMechanism: mechanism,
      username: remote.user ?? '',
      password: remote.password ?? '',
      transport: ctx.flags.transport || 'tcp',
    })
  }
  return remote
}

/**
 * Waits (unless -q) while the link is missing or still settling, then fails on a missing or
 * failed link. The original waited forever for a link that never appeared; we stop after 3 s.
 */
export async function checkLink(
  ctx: RouteContext,
  remote: BrokerUrl,
  found: QmfObject | undefined,
): Promise<QmfObject> {
  let link = found
  if (!ctx.flags.quiet) {
    const deadline = Date.now() + SETTLE_MS
    while ((!link || SETTLING.includes(String(link.values.state))) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS))
      link = await getLink(ctx, remote)
    }
  }
  if (!link) throw pythonException('Link failed to create')
  if (link.values.state === 'Failed') throw pythonException(`Link failed to create ${link.values.lastError || ''}`)
  if (ctx.flags.verbose) process.stdout.write(`Link state is ${link.values.state}\n`)
  return link
}

export async function delLink(ctx: RouteContext): Promise<void> {
  const remote = remoteUrl(ctx)
  await brokerObject(ctx)
  const link = await getLink(ctx, remote)
  if (!link) throw pythonException('Link not found')
  const res = await invoke(ctx.agent, link.objectName, 'close')
  if (ctx.flags.verbose) process.stdout.write(`Close method returned: ${res.status} ${res.text}\n`)
}
