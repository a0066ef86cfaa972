// The oclif flags every qpid-config command declares. optparse accepts every option with every
// command (and ignores the ones a command does not use), and the router forwards all of them, so
// each command declares the whole table, named by the option's long name. Flags come from their
// subpath: the package index would load much more at start-up (see run-tool.ts).
import type { Interfaces } from '@oclif/core'
import * as Flags from '@oclif/core/flags'

const str = () => Flags.string()
const int = () => Flags.integer()
const bool = () => Flags.boolean()

export const configFlags = {
  timeout: int(),
  recursive: bool(),
  broker: str(),
  'broker-addr': str(),
  'sasl-mechanism': str(),
  'sasl-service-name': str(),
  'ssl-certificate': str(),
  'ssl-key': str(),
  'ha-admin': bool(),
  'ignore-default': bool(),
  'alternate-exchange': str(),
  durable: bool(),
  replicate: str(),
  'file-count': int(),
  'file-size': int(),
  'efp-partition-num': int(),
  'efp-pool-file-size': int(),
  'wcache-page-size': int(),
  'wcache-num-pages': int(),
  'max-queue-size': int(),
  'max-queue-count': int(),
  'limit-policy': str(),
  'lvq-key': str(),
  'flow-stop-size': int(),
  'flow-resume-size': int(),
  'flow-stop-count': int(),
  'flow-resume-count': int(),
  'group-header': str(),
  'shared-groups': bool(),
  argument: Flags.string({ multiple: true }),
  'start-replica': str(),
  sequence: bool(),
  ive: bool(),
  force: bool(),
  'force-if-not-empty': bool(),
  'force-if-used': bool(),
  file: str(),
  'show-property': Flags.string({ multiple: true }),
  json: bool(),
}

export type ConfigFlags = Interfaces.InferredFlags<typeof configFlags>
