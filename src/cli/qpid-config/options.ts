// qpid-config's optparse option table (tools.md §1.2): the one declaration of its options, read by
// the argv scanner and, as oclif flags, by its commands (services/config/flags.ts).
import type { OptionSpec } from '../optparse.js'
import { SECURITY_OPTIONS } from '../security-options.js'

const int = 'int' as const

// In the original's order (it decides nothing here, but keeps the table easy to compare).
export const QPID_CONFIG_OPTIONS = [
  { long: 'help', short: 'h', exits: true },
  { long: 'timeout', short: 't', type: int },
  { long: 'recursive', short: 'r' },
  { long: 'broker', short: 'b', type: 'string' },
  { long: 'broker-addr', short: 'a', type: 'string' },
  { long: 'sasl-mechanism', type: 'string' },
  ...SECURITY_OPTIONS,
  { long: 'ha-admin' },
  { long: 'ignore-default' },
  { long: 'alternate-exchange', type: 'string' },
  { long: 'durable' },
  { long: 'replicate', type: 'string' },
  { long: 'file-count', type: int },
  { long: 'file-size', type: int },
  { long: 'efp-partition-num', type: int },
  { long: 'efp-pool-file-size', type: int },
  { long: 'wcache-page-size', type: int },
  { long: 'wcache-num-pages', type: int },
  { long: 'max-queue-size', type: int },
  { long: 'max-queue-count', type: int },
  { long: 'limit-policy', type: 'choice', choices: ['none', 'reject', 'ring', 'ring-strict'] },
  { long: 'lvq-key', type: 'string' },
  { long: 'flow-stop-size', type: int },
  { long: 'flow-resume-size', type: int },
  { long: 'flow-stop-count', type: int },
  { long: 'flow-resume-count', type: int },
  { long: 'group-header', type: 'string' },
  { long: 'shared-groups' },
  { long: 'argument', type: 'string', multiple: true },
  { long: 'start-replica', type: 'string' },
  { long: 'sequence' },
  { long: 'ive' },
  { long: 'force' },
  { long: 'force-if-not-empty' },
  { long: 'force-if-used' },
  { long: 'file', short: 'f', type: 'string' },
  { long: 'show-property', type: 'string', multiple: true },
  // Not in the original (docs/compat.md), each listed with its text in the Extensions section of --help.
  { long: 'json', extension: 'Print the overview or the listing as one JSON document (docs/json.md)' },
  {
    long: 'dry-run',
    extension: 'del, unbind, shutdown: say what would happen (e.g. how many messages a queue holds) and change nothing',
  },
  {
    long: 'yes',
    extension:
      'On a terminal, delete a queue holding messages or shut the broker down without asking first (never asked in a pipe)',
  },
  {
    long: 'wait-replicated',
    type: 'float',
    metavar: '[=SECONDS]',
    extension: 'add, del, bind, unbind on an HA primary: wait until every ready backup shows the change (bare: 10 s)',
  },
  { long: 'version', exits: true, extension: 'Print the tool and version and exit' },
] as const satisfies readonly OptionSpec[]

/** A bare `--wait-replicated` waits this many seconds. */
export const WAIT_REPLICATED_DEFAULT_S = 10

export const REPLICATE_LEVELS = ['none', 'configuration', 'all'] as const
