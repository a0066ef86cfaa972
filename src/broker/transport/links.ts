// Link attach handling as qpidd does it for AMQP 1.0: addresses name queues or exchanges; a sender
// to an exchange routes on the message subject; a receiver from an exchange gets a private
// auto-deleted queue bound by the link's filter; dynamic sources become temporary queues named
// `<container-id>_<link-name>`; anything else is refused with amqp:not-found.
import { randomUUID } from 'node:crypto'
import rhea from 'rhea'
import type { Broker } from '../broker.js'
import { BrokerError } from '../errors.js'
import type { Exchange } from '../nodes/exchange.js'
import type { InboundMessage } from '../nodes/message.js'
import { LimitExceeded, Queue } from '../nodes/queue.js'
import type { ConnectionInfo, SessionInfo } from './connection-info.js'
import { OutgoingConsumer, type RheaSender } from './consumer.js'
import { grantInitialCredit, returnCredit } from './credit.js'

type RheaLink = any

const DIRECT_FILTER = [0x468c00000000, 'apache.org:legacy-amqp-direct-binding:string']
const TOPIC_FILTER = [0x468c00000001, 'apache.org:legacy-amqp-topic-binding:string']
const HEADERS_FILTER = [0x468c00000002, 'apache.org:legacy-amqp-headers-binding:map']

/** One encoded `accepted` outcome shared by every delivery (rhea builds a new one per accept()). */
const ACCEPTED = (rhea.message as unknown as { accepted(): { described(): unknown } }).accepted().described()

function notFound(link: RheaLink, name: string): void {
  link.close({ condition: 'amqp:not-found', description: `Node not found: ${name}` })
}

/** Client sender attached: the broker receives into a queue, an exchange, or relays by `to`. */
export function attachIncoming(broker: Broker, link: RheaLink): void {
  const target = link.remote.attach?.target
  const address: string | undefined = target?.address ?? undefined
  if (address === undefined || address === null || address === '') {
    // anonymous relay: each message names its node in `to`
    link.set_target({ address: null })
    link.node = undefined
    grantInitialCredit(link)
    return
  }
  const node = broker.lookupNode(address)
  if (!node) {
    link.set_target({ address: null })
    notFound(link, address)
    return
  }
  link.set_target({ address })
  link.node = node
  grantInitialCredit(link)
}

/** Resolves a `to` address for anonymous relay: queue, exchange, or `exchange/key`. */
function relayTarget(broker: Broker, to: string, subject: string | undefined): [Queue | Exchange, string] | undefined {
  const node = broker.lookupNode(to)
  if (node) return [node, subject ?? '']
  const slash = to.indexOf('/')
  if (slash > 0) {
    const ex = broker.exchanges.get(to.slice(0, slash))
    if (ex) return [ex, to.slice(slash + 1)]
  }
  return undefined
}

/** One message arrived on a broker receiver. Settles it once routed (and persisted if durable). */
/** Accepts a client's delivery and returns its credit (no closure on the common path). */
function acceptDelivery(delivery: RheaLink, link: RheaLink): void {
  delivery.update(undefined, ACCEPTED)
  returnCredit(link)
}

function rejectDelivery(delivery: RheaLink, link: RheaLink, condition: string, description: string): void {
  delivery.reject({ condition, description })
  returnCredit(link)
}

/** One message arrived on a broker receiver. Settles it once routed (and persisted if durable). */
export function onMessage(
  broker: Broker,
  conn: ConnectionInfo,
  link: RheaLink,
  msg: InboundMessage,
  delivery: RheaLink,
): void {
  conn.msgsFromClient++
  conn.framesFromClient++
  conn.updatedAt = Date.now()
  let node: Queue | Exchange | undefined = link.node
  let key = msg.subject ?? ''
  if (node === undefined) {
    const r = msg.to === undefined ? undefined : relayTarget(broker, msg.to, msg.subject)
    if (!r) {
      rejectDelivery(delivery, link, 'amqp:not-found', `Node not found: ${msg.to ?? ''}`)
      return
    }
    ;[node, key] = r
  } else if (node.deleted) {
    rejectDelivery(delivery, link, 'amqp:not-found', `Node not found: ${node.name}`)
    return
  }
  let persisted: boolean
  // HA may hold the confirmation until backups have their copies (BrokerHooks.confirmation)
  let held: ((done: () => void) => void) | undefined
  broker.hooks.confirmation?.begin()
  try {
    persisted = broker.publish(msg, node, key)
  } catch (e) {
    if (e instanceof LimitExceeded) {
      if (node instanceof Queue) node.stats.discardsOverflow++
      rejectDelivery(delivery, link, 'amqp:resource-limit-exceeded', e.message)
      return
    }
    throw e
  } finally {
    held = broker.hooks.confirmation?.take()
  }
  if (!persisted && !held) {
    acceptDelivery(delivery, link)
    return
  }
  const accept = () => acceptDelivery(delivery, link)
  const confirm = held ? () => held(accept) : accept
  if (persisted) broker.store.sync(confirm)
  else confirm()
}

function filterBinding(source: RheaLink, exchange: Exchange): { key: string; args: Record<string, unknown> } {
  const filters = source?.filter
  if (filters && typeof filters === 'object') {
    for (const [name, v] of Object.entries(filters) as [string, RheaLink][]) {
      // an undescribed string under the name `subject` is taken as the binding key too
      if (name === 'subject' && typeof v === 'string') return { key: v, args: {} }
      const d = v?.descriptor?.value ?? v?.descriptor
      const value = v?.value !== undefined ? rhea.types.unwrap(v.value as never) : v
      if (DIRECT_FILTER.includes(d) || TOPIC_FILTER.includes(d)) return { key: String(value ?? ''), args: {} }
      if (HEADERS_FILTER.includes(d) && value && typeof value === 'object')
        return { key: '', args: Array.isArray(value) ? pairs(value) : (value as Record<string, unknown>) }
    }
  }
  if (exchange.type === 'topic') return { key: '#', args: {} }
  return { key: '', args: {} }
}

/** A described map may arrive as its flat key/value list. */
function pairs(l: unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (let i = 0; i + 1 < l.length; i += 2) out[String(l[i])] = l[i + 1]
  return out
}

function uniqueName(broker: Broker, base: string): string {
  return broker.queues.has(base) ? `${base}_${randomUUID()}` : base
}

/** Client receiver attached: the broker sends from a queue (consume or browse) or a subscription. */
export function attachOutgoing(
  broker: Broker,
  conn: ConnectionInfo,
  session: SessionInfo,
  link: RheaLink,
): OutgoingConsumer | undefined {
  const source = link.remote.attach?.source
  const containerId = conn.containerId || randomUUID()
  let queue: Queue
  let browsing = false
  if (source?.dynamic) {
    const name = uniqueName(broker, `${containerId}_${link.name}`)
    queue = broker.declareQueue(name, { autoDelete: true, exclusive: true, owner: conn.address }).queue
    conn.ownedQueues.add(name)
    link.set_source({ address: name, dynamic: true, distribution_mode: 'move' })
  } else {
    const address: string | undefined = source?.address ?? undefined
    const node = address ? broker.lookupNode(address) : undefined
    if (!address || !node) {
      link.set_source({ address: null })
      notFound(link, address ?? '')
      return undefined
    }
    if (node instanceof Queue) {
      queue = node
      browsing = source?.distribution_mode === 'copy'
      link.set_source({ address, distribution_mode: browsing ? 'copy' : 'move' })
    } else {
      const name = uniqueName(broker, `${containerId}_${link.name}`)
      queue = broker.declareQueue(name, { autoDelete: true, exclusive: true, owner: conn.address }).queue
      conn.ownedQueues.add(name)
      const { key, args } = filterBinding(source, node)
      try {
        broker.bind(node.name, name, key, args)
      } catch (e) {
        if (!(e instanceof BrokerError)) throw e
      }
      link.set_source({ address })
    }
  }
  const c = new OutgoingConsumer(link as RheaSender, queue, browsing, conn, session, queue.exclusive)
  link.consumer = c
  conn.consumers.add(c)
  queue.addConsumer(c)
  return c
}
