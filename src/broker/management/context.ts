// What the management classes read: the broker core and the transport's connection list.
import type { Broker } from '../broker.js'
import type { AmqpServer } from '../transport/server.js'
import { PKG } from './registry.js'

export interface ManagementContext {
  broker: Broker
  server: AmqpServer
  /** Broker boot sequence (QMF `_agent_epoch`). */
  epoch: number
}

export const BROKER_OID = `${PKG}:broker:amqp-broker`
export const VHOST_OID = `${PKG}:vhost:${BROKER_OID},/`
export const queueOid = (name: string) => `${PKG}:queue:${name}`
export const exchangeOid = (name: string) => `${PKG}:exchange:${name}`
export const connectionOid = (address: string) => `${PKG}:connection:${address}`
export const sessionOid = (name: string) => `${PKG}:session:${name.slice(0, 254)}`
export const systemOid = (id: string) => `${PKG}:system:${id}`
