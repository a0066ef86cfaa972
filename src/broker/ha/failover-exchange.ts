// amq.failover (ha.md §6.9): the exchange qpidd's HA module registers in cluster mode, so it shows
// in `qpid-config exchanges` as in golden 32. Messages published to it go nowhere; instead each
// queue bound to it receives a message whose `amq.failover` application property holds the
// cluster's client-facing URL (the public URL, else the brokers URL), when it is bound and again
// whenever that URL changes. Its type is not declarable and it carries no `qpid.replicate`
// stamp, so it is never replicated: every cluster member has its own.
import type { Broker } from '../broker.js'
import { encodeMessage, scanMessage } from '../message/codec.js'
import { Exchange } from '../nodes/exchange.js'
import type { Queue } from '../nodes/queue.js'

export const FAILOVER_EXCHANGE = 'amq.failover'

class FailoverExchange extends Exchange {
  readonly type = 'amq.failover'
  match(): void {}
}

/** Registers amq.failover on `broker`; call the returned function when the URL changes. */
export function installFailoverExchange(broker: Broker, url: () => string): () => void {
  const exchange = new FailoverExchange(FAILOVER_EXCHANGE)
  broker.exchanges.set(FAILOVER_EXCHANGE, exchange)
  const announce = (queue: Queue) => {
    const bytes = encodeMessage({ application_properties: { [FAILOVER_EXCHANGE]: url() } })
    try {
      broker.publish(scanMessage(bytes), queue, '')
    } catch (e) {
      broker.log.warning('HA', `Cannot send the failover URL to ${queue.name}: ${(e as Error).message}`)
    }
  }
  broker.hooks.add({ bound: (b) => b.exchange === exchange && announce(b.queue) })
  return () => {
    for (const b of exchange.bindings) announce(b.queue)
  }
}
