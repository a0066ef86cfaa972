// Wires the management layer: the registry with every class the broker exposes, and the agent.
import type { Broker } from '../broker.js'
import type { AmqpServer } from '../transport/server.js'
import { bindingClass } from './classes/binding.js'
import { brokerClass } from './classes/broker.js'
import { connectionClass, sessionClass, subscriptionClass } from './classes/connection.js'
import { exchangeClass } from './classes/exchange.js'
import { memoryClass } from './classes/memory.js'
import { queueClass } from './classes/queue.js'
import { systemClass, vhostClass } from './classes/system.js'
import type { ManagementContext } from './context.js'
import { QmfAgent } from './qmf-agent.js'
import { ManagementRegistry } from './registry.js'

export function startManagement(broker: Broker, server: AmqpServer, epoch: number): QmfAgent {
  const ctx: ManagementContext = { broker, server, epoch }
  const registry = new ManagementRegistry()
  for (const make of [
    brokerClass,
    systemClass,
    vhostClass,
    memoryClass,
    queueClass,
    exchangeClass,
    bindingClass,
    connectionClass,
    sessionClass,
    subscriptionClass,
  ])
    registry.register(make(ctx))
  const agent = new QmfAgent(broker, registry, epoch)
  broker.hooks.qmfRequest = (ex, key, msg) => agent.handle(ex, key, msg)
  return agent
}
