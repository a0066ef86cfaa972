// Federation for qpidd-ref: links to other brokers and the bridges that route messages over them,
// managed through QMF as qpidd's (qpid-route is the tool). main.ts starts it after management.
import type { Broker } from '../broker.js'
import type { ManagementRegistry } from '../management/registry.js'
import { DurableConfigFile } from './durable-config.js'
import { Federation, type FederationOptions } from './federation.js'
import { registerFederation } from './management.js'

export type { Federation }

export function startFederation(broker: Broker, registry: ManagementRegistry, opts: FederationOptions): Federation {
  const durable = broker.dataDir ? new DurableConfigFile(broker.dataDir) : undefined
  const fed = new Federation(broker, { durable, ...opts })
  registerFederation(registry, fed)
  try {
    fed.recover()
  } catch (e) {
    broker.log.error('Store', `Cannot recover durable links and bridges: ${(e as Error).message}`)
  }
  return fed
}
