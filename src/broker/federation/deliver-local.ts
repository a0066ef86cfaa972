// A message pulled over a bridge goes into the local destination exchange with its subject as the
// routing key, and is accepted at the remote broker only once it is enqueued here (and, when
// persistent, on disk): the remote keeps it until then, so a crash never loses it.
import type { Broker } from '../broker.js'
import type { InboundMessage } from '../nodes/message.js'
import { LimitExceeded } from '../nodes/queue.js'

/** The parts of a rhea delivery used here. */
export interface RemoteDelivery {
  accept(): void
  reject(error: { condition: string; description: string }): void
}

export function deliverLocally(broker: Broker, dest: string, msg: InboundMessage, delivery: RemoteDelivery): void {
  const exchange = broker.exchanges.get(dest)
  if (!exchange) {
    delivery.reject({ condition: 'amqp:not-found', description: `Bridge destination not found: ${dest}` })
    return
  }
  let persisted: boolean
  try {
    persisted = broker.publish(msg, exchange, msg.subject ?? '')
  } catch (e) {
    // whatever went wrong here, the remote keeps no unsettled delivery and the broker goes on
    const condition = e instanceof LimitExceeded ? 'amqp:resource-limit-exceeded' : 'amqp:internal-error'
    if (!(e instanceof LimitExceeded))
      broker.log.warning('Broker', `Bridge into ${dest} failed: ${(e as Error).message}`)
    delivery.reject({ condition, description: (e as Error).message })
    return
  }
  if (persisted) broker.store.sync(() => delivery.accept())
  else delivery.accept()
}
