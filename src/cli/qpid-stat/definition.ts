// qpid-stat's optparse option table and the reduction of its argv to one oclif command
// (tools.md §2.1). Kept free of oclif, rhea and the QMF client so that --help and option errors
// start fast.
import { type OptionSpec, OptparseError, type ParsedArgv, parseArgv } from '../optparse.js'
import type { ToolDefinition } from '../run-tool.js'
import { HELP, USAGE } from './help.js'

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

/** `--watch` given without `=SECONDS` redraws every this many seconds. */
export const WATCH_DEFAULT_SECONDS = 2

export const QPID_STAT_OPTIONS: readonly OptionSpec[] = [
  { long: 'help', short: 'h', exits: true },
  { long: 'broker', short: 'b', type: 'string' },
  { long: 'timeout', short: 't', type: 'int' },
  { long: 'sasl-mechanism', type: 'string' },
  { long: 'sasl-service-name', type: 'string' },
  { long: 'ssl-certificate', type: 'string' },
  { long: 'ssl-key', type: 'string' },
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
  // Not in the original (docs/qpid-stat.md).
  { long: 'json' },
  { long: 'watch', type: 'float' },
]

function usageError(err: OptparseError): number {
  process.stderr.write(`${USAGE}\nqpid-stat: error: ${err.message}\n`)
  return 2
}

/**
 * optparse has no options with an optional value, so `--watch` takes its value only when it is
 * attached with `=` (`--watch=5`); a bare `--watch` (or an unambiguous prefix of it) means
 * `--watch=2` and never consumes the next word, which stays a queue name or option.
 */
export function expandWatch(argv: readonly string[]): string[] {
  const end = argv.indexOf('--')
  return argv.map((arg, i) =>
    (end === -1 || i < end) && arg.startsWith('--w') && 'watch'.startsWith(arg.slice(2))
      ? `--watch=${WATCH_DEFAULT_SECONDS}`
      : arg,
  )
}

/** Folds the view options into `show` (the last one wins), as store_const with one dest does. */
function foldViews(parsed: ParsedArgv): string | undefined {
  let show: string | undefined
  for (const [key] of parsed.order) if (key in VIEWS) show = VIEWS[key]
  for (const key of Object.keys(VIEWS)) delete parsed.options[key]
  if (show !== undefined) parsed.options.show = show
  return show
}

export const qpidStat: ToolDefinition = {
  bin: 'qpid-stat',
  options: QPID_STAT_OPTIONS,
  parse: (argv) => parseArgv(expandWatch(argv), QPID_STAT_OPTIONS),
  usageError,
  route(parsed) {
    if (parsed.exit === 'help') {
      process.stdout.write(HELP)
      return 0
    }
    if (foldViews(parsed) === undefined) {
      return usageError(
        new OptparseError(
          'You must specify one of these options: -g, -c, -e, -q, -m, or -u. For details, try $ qpid-stat --help',
        ),
      )
    }
    if (parsed.options['ssl-key'] !== undefined && parsed.options['ssl-certificate'] === undefined) {
      return usageError(new OptparseError("missing '--ssl-certificate' (required by '--ssl-key')"))
    }
    // A single-command oclif root registers its command under this id (@oclif/core symbols.js).
    return { id: 'Symbol(SINGLE_COMMAND_CLI)', args: parsed.positionals }
  },
}
