// qpid-stat's optparse option table (tools.md §2.1): the one declaration of its options, read by
// the argv scanner and, as oclif flags, by its command (services/stat/flags.ts).
import type { OptionSpec } from '../optparse.js'
import { SECURITY_OPTIONS } from '../security-options.js'
import { WATCH_OPTION } from '../watch-option.js'

/** The view options all store into `show` (optparse store_const); the last one given wins. */
export const VIEWS: Readonly<Record<string, string>> = {
  general: 'g',
  connections: 'c',
  exchanges: 'e',
  queues: 'q',
  subscriptions: 'u',
  memory: 'm',
  acl: 'acl',
}

export const QPID_STAT_OPTIONS = [
  { long: 'help', short: 'h', exits: true },
  { long: 'broker', short: 'b', type: 'string' },
  { long: 'timeout', short: 't', type: 'int' },
  { long: 'sasl-mechanism', type: 'string' },
  ...SECURITY_OPTIONS,
  { long: 'ha-admin' },
  { long: 'general', short: 'g' },
  { long: 'connections', short: 'c' },
  { long: 'exchanges', short: 'e' },
  { long: 'queues', short: 'q' },
  { long: 'subscriptions', short: 'u' },
  { long: 'memory', short: 'm' },
  { long: 'acl' },
  { long: 'sort-by', short: 'S', type: 'string' },
  { long: 'increasing', short: 'I' },
  { long: 'limit', short: 'L', type: 'int' },
  // Not in the original (docs/qpid-stat.md, docs/compat.md), each listed with its text in the
  // Extensions section of --help.
  { long: 'json', extension: 'Print the view as one JSON document (docs/json.md)' },
  WATCH_OPTION,
  { long: 'version', exits: true, extension: 'Print the tool and version and exit' },
] as const satisfies readonly OptionSpec[]
