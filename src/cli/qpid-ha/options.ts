// qpid-ha's optparse option tables (tools.md §3): every command's parser has the connection
// options plus its own. The one declaration of them, read by the argv scanner and, as oclif flags,
// by the commands (services/ha/flags.ts).
import type { OptionSpec } from '../optparse.js'
import { SECURITY_OPTIONS } from '../security-options.js'
import { WATCH_OPTION } from '../watch-option.js'

/** The "Broker connection options" group of every command. */
export const CONNECTION_OPTIONS = [
  { long: 'help', short: 'h', exits: true },
  { long: 'broker', short: 'b', type: 'string' },
  { long: 'timeout', type: 'float' },
  { long: 'sasl-mechanism', type: 'string' },
  ...SECURITY_OPTIONS,
  { long: 'config', type: 'string' },
  { long: 'version', exits: true, extension: 'Print the tool and version and exit' },
] as const satisfies readonly OptionSpec[]

export const STATUS_OPTIONS = [
  { long: 'expect', type: 'string' },
  { long: 'is-primary' },
  { long: 'all' },
  // Not in the original (docs/ha.md): redraw the status every few seconds.
  WATCH_OPTION,
] as const satisfies readonly OptionSpec[]

export const QUERY_OPTIONS = [{ long: 'all' }] as const satisfies readonly OptionSpec[]

/**
 * Not in the original (docs/compat.md): promote even when another member is primary; say what a
 * promotion would do instead of doing it; on a terminal, promote over another primary without asking.
 */
export const PROMOTE_OPTIONS = [
  { long: 'force', extension: 'Promote even when another member is primary (two primaries lose data)' },
  { long: 'dry-run', extension: 'Say what the promotion would do (or why it would fail) and promote nothing' },
  { long: 'yes', extension: 'On a terminal, promote with --force over another primary without asking first' },
] as const satisfies readonly OptionSpec[]

/** `check` is an extension (docs/ha.md): a Nagios/Icinga plugin for the broker or its cluster. */
export const CHECK_OPTIONS = [
  { long: 'all' },
  { long: 'expect-members', type: 'int' },
  { long: 'ready-grace', type: 'float' },
  { long: 'warn-lag', type: 'int' },
  { long: 'crit-lag', type: 'int' },
] as const satisfies readonly OptionSpec[]

/** `lag` is an extension (docs/ha.md): replication lag per backup and queue. */
export const LAG_OPTIONS = [WATCH_OPTION] as const satisfies readonly OptionSpec[]

/** `switchover` is an extension (docs/ha.md): a planned change of primary. */
export const SWITCHOVER_OPTIONS = [
  { long: 'to', type: 'string' },
  { long: 'dry-run' },
  { long: 'yes' },
] as const satisfies readonly OptionSpec[]

/** `set` is an extension (docs/compat.md). */
export const SET_OPTIONS = [
  { long: 'brokers-url', type: 'string', metavar: '=<url>', extension: 'Set the URL of all cluster brokers' },
  { long: 'public-url', type: 'string', metavar: '=<url>', extension: 'Set the URL advertised to clients' },
] as const satisfies readonly OptionSpec[]

/** Not in the original (docs/json.md): every command, one JSON document on stdout, errors included. */
export const JSON_OPTIONS = [{ long: 'json' }] as const satisfies readonly OptionSpec[]
