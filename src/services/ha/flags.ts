// The oclif flags every qpid-ha command declares: the optparse options of qpid-ha's "Broker
// connection options" group, by their dest names (qpid-ha.ts has already validated them).
import * as Flags from '@oclif/core/flags'

export const connectionFlags = {
  broker: Flags.string(),
  timeout: Flags.string(),
  'sasl-mechanism': Flags.string(),
  'sasl-service-name': Flags.string(),
  'ssl-certificate': Flags.string(),
  'ssl-key': Flags.string(),
  config: Flags.string(),
}
