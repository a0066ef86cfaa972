// qpid-route's optparse option table (tools.md §4.1): the one declaration of its options, read by
// the argv scanner and, as oclif flags, by its commands (services/route/flags.ts).
import type { OptionSpec } from '../optparse.js'
import { SECURITY_OPTIONS } from '../security-options.js'

const int = 'int' as const
const string = 'string' as const

// In the original's order.
export const QPID_ROUTE_OPTIONS = [
  { long: 'help', short: 'h', exits: true },
  { long: 'timeout', type: int },
  { long: 'verbose', short: 'v' },
  { long: 'quiet', short: 'q' },
  { long: 'durable', short: 'd' },
  { long: 'del-empty-link', short: 'e' },
  { long: 'src-local', short: 's' },
  { long: 'ack', type: int },
  { long: 'credit', type: int },
  { long: 'transport', short: 't', type: string },
  { long: 'client-sasl-mechanism', type: string },
  ...SECURITY_OPTIONS,
  { long: 'ha-admin' },
  // Not in the original (docs/compat.md), each listed with its text in the Extensions section of --help.
  { long: 'json', extension: 'link list, route list: print one JSON document (docs/json.md)' },
  { long: 'version', exits: true, extension: 'Print the tool and version and exit' },
] as const satisfies readonly OptionSpec[]
