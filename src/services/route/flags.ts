// The oclif flags every qpid-route command declares. optparse accepts every option with every
// command and the router forwards all of them, so each command declares the whole table.
import type { Interfaces } from '@oclif/core'
import * as Flags from '@oclif/core/flags'

const str = () => Flags.string()
const int = () => Flags.integer()
const bool = () => Flags.boolean({ default: false })

export const routeFlags = {
  timeout: int(),
  verbose: bool(),
  quiet: bool(),
  durable: bool(),
  'del-empty-link': bool(),
  'src-local': bool(),
  ack: int(),
  credit: int(),
  transport: str(),
  'client-sasl-mechanism': str(),
  'sasl-service-name': str(),
  'ssl-certificate': str(),
  'ssl-key': str(),
  'ha-admin': bool(),
  json: bool(),
}

export type RouteFlags = Interfaces.InferredFlags<typeof routeFlags>
