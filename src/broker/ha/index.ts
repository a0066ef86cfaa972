// Entry points for the broker's main: HA options, and starting the module when it is configured.
import type { Broker } from '../broker.js'
import { OptionError, type OptionValues } from '../options.js'
import type { AmqpServer } from '../transport/server.js'
import { HaModule } from './ha-module.js'
import { readHaConfig } from './options.js'

export { registerHaOptions } from './options.js'
export { HaModule }

/**
 * Creates the HA module when `--ha-cluster` or `--ha-queue-replication` is on (else the broker
 * has no HA module and no habroker object). Call before the listener starts, so a cluster
 * member refuses clients from its first connection.
 */
export function createHa(
  broker: Broker,
  server: AmqpServer,
  values: OptionValues,
  management: boolean,
): HaModule | undefined {
  const cfg = readHaConfig(values)
  if (!cfg.queueReplication) return undefined
  if (!management) {
    if (cfg.cluster) throw new OptionError('Cannot start HA: management is disabled')
    broker.log.warning('HA', 'HA queue replication requires management; HA is disabled')
    return undefined
  }
  return new HaModule(broker, server, cfg)
}
