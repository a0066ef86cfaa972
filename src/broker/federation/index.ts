// Federation for qpidd-ref: links to other brokers and the bridges that route messages over them,
// managed through QMF as qpidd's (qpid-route is the tool). main.ts starts it after management.
import type { Broker } from '../broker.js'
import type { ManagementRegistry } from '../management/registry.js'
import { Federation, type FederationOptions } from './federation.js'

export type { Federation }

import { registerFederation } from './management.js'

export function startFederation(broker: Broker, registry: ManagementRegistry, opts: FederationOptions): Federation {
  const fed = new Federation(broker, opts)
  registerFederation(registry, fed)
  return fed
}
