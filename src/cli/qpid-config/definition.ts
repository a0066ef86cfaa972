// qpid-config's optparse option table and the routing of its command words (tools.md §1.2-1.3).
// Kept free of oclif, rhea and the QMF client so that --help and option errors start fast.
import type { OptionSpec } from '../optparse.js'
import { OptparseError } from '../optparse.js'
import type { Route, ToolDefinition } from '../run-tool.js'
import { USAGE } from './usage.js'

const int = 'int' as const

// In the original's order (it decides nothing here, but keeps the table easy to compare).
export const QPID_CONFIG_OPTIONS: readonly OptionSpec[] = [
  { long: 'help', short: 'h', exits: true },
  { long: 'timeout', short: 't', type: int },
  { long: 'recursive', short: 'r' },
  { long: 'broker', short: 'b', type: 'string' },
  { long: 'broker-addr', short: 'a', type: 'string' },
  { long: 'sasl-mechanism', type: 'string' },
  { long: 'sasl-service-name', type: 'string' },
  { long: 'ssl-certificate', type: 'string' },
  { long: 'ssl-key', type: 'string' },
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
  // Not in the original: machine-readable listings (docs/json.md).
  { long: 'json' },
]

export const REPLICATE_LEVELS = ['none', 'configuration', 'all'] as const

function usageError(err: OptparseError): number {
  process.stderr.write(`${USAGE}\nqpid-config: error: ${err.message}\n`)
  return 2
}

/** Command words → oclif command id. Malformed words go to `usage`, which connects first (§1.3). */
export function routeWords(words: readonly string[]): Route {
  const [cmd, modifier] = words
  const rest = words.slice(1)
  const usage = { id: 'usage', args: [] }
  switch (cmd) {
    case undefined:
      return { id: 'overview', args: [] }
    case 'exchanges':
    case 'queues':
      return { id: cmd, args: modifier === undefined ? [] : [modifier] }
    case 'add':
    case 'del':
      if (modifier === 'exchange' || modifier === 'queue') return { id: `${cmd}:${modifier}`, args: words.slice(2) }
      return words.length > 2 ? { id: cmd, args: words.slice(1, 3) } : usage
    case 'bind':
    case 'unbind':
      return { id: cmd, args: rest }
    case 'reload-acl':
    case 'shutdown':
      return { id: cmd, args: [] }
    case 'list':
      return words.length > 1 ? { id: 'list', args: [modifier] } : usage
    case 'log':
      return words.length <= 2 ? { id: 'log', args: rest } : usage
    default:
      return usage
  }
}

export const qpidConfig: ToolDefinition = {
  bin: 'qpid-config',
  options: QPID_CONFIG_OPTIONS,
  usageError,
  route(parsed) {
    if (parsed.exit === 'help') {
      return import('./help.js').then(({ HELP_AFTER_USAGE }) => {
        process.stdout.write(`${USAGE}${HELP_AFTER_USAGE}`)
        return 0
      })
    }
    // Checked before connecting, in the original's order.
    const replicate = parsed.options.replicate
    if (typeof replicate === 'string' && replicate !== '' && !REPLICATE_LEVELS.some((l) => l === replicate)) {
      // The original raised an uncaught Exception here (traceback, exit 1); we print its last line.
      process.stderr.write(
        `Exception: Invalid replication level '${replicate}', should be one of: ${REPLICATE_LEVELS.join(', ')}\n`,
      )
      return 1
    }
    if (parsed.options['ssl-key'] && !parsed.options['ssl-certificate']) {
      return usageError(new OptparseError("missing '--ssl-certificate' (required by '--ssl-key')"))
    }
    return routeWords(parsed.positionals)
  },
}
