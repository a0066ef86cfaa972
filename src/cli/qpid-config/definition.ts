// qpid-config's command line: the routing of its command words (tools.md §1.3) and the checks made before connecting.
// Kept free of oclif, rhea and the QMF client so that --help and option errors start fast.

import { USAGE } from '../../render/config-usage.js'
import { extensionsHelp } from '../extensions-help.js'
import { noteFailure } from '../json-output.js'
import { firstNameError } from '../names.js'
import { expandOptionalValue } from '../optional-value.js'
import { OptparseError, parseArgv } from '../optparse.js'
import type { Route, ToolDefinition } from '../run-tool.js'
import { sslKeyError } from '../security-options.js'
import { QPID_CONFIG_OPTIONS, REPLICATE_LEVELS, WAIT_REPLICATED_DEFAULT_S } from './options.js'

function usageError(err: OptparseError): number {
  noteFailure('UsageError', err.message)
  process.stderr.write(`${USAGE}\nqpid-config: error: ${err.message}\n`)
  return 2
}

/**
 * The queue, exchange and binding-key words of a routed command, for the name checks. An exchange
 * name may be empty: that is the default exchange, and the broker answers for it as before.
 */
function namedWords(route: Route): Array<[string, string | undefined, boolean?]> {
  const [a, b, c] = route.args
  switch (route.id) {
    case 'add:queue':
    case 'del:queue':
      return [['queue name', a]]
    case 'add:exchange':
      return [['exchange name', b, true]]
    case 'del:exchange':
      return [['exchange name', a, true]]
    case 'add':
    case 'del':
      return a === 'queue' || a === 'exchange' ? [[`${a} name`, b, a === 'exchange']] : []
    case 'bind':
    case 'unbind':
      return [
        ['exchange name', a, true],
        ['queue name', b],
        ['binding key', c, true],
      ]
    default:
      return []
  }
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

/** What --help prints: the original's text, then the Extensions section. */
export async function helpText(): Promise<string> {
  const { HELP_AFTER_USAGE } = await import('./help.js')
  return `${USAGE}${HELP_AFTER_USAGE}${extensionsHelp('qpid-config', QPID_CONFIG_OPTIONS)}`
}

export const qpidConfig: ToolDefinition = {
  bin: 'qpid-config',
  options: QPID_CONFIG_OPTIONS,
  parse: (argv) =>
    parseArgv(
      expandOptionalValue(
        argv,
        'wait-replicated',
        WAIT_REPLICATED_DEFAULT_S,
        QPID_CONFIG_OPTIONS.map((o) => o.long),
      ),
      QPID_CONFIG_OPTIONS,
    ),
  usageError,
  route(parsed) {
    if (parsed.exit === 'help') {
      return helpText().then((text) => {
        process.stdout.write(text)
        return 0
      })
    }
    // Checked before connecting, in the original's order.
    const replicate = parsed.options.replicate
    if (typeof replicate === 'string' && replicate !== '' && !REPLICATE_LEVELS.some((l) => l === replicate)) {
      // The original raised an uncaught Exception here (traceback, exit 1); we print its last line.
      const message = `Invalid replication level '${replicate}', should be one of: ${REPLICATE_LEVELS.join(', ')}`
      noteFailure('Exception', message)
      process.stderr.write(`Exception: ${message}\n`)
      return 1
    }
    const sslError = sslKeyError(parsed.options)
    if (sslError) return usageError(new OptparseError(sslError))
    const route = routeWords(parsed.positionals)
    const nameError = firstNameError(namedWords(route))
    if (nameError) {
      noteFailure('ValueError', nameError)
      process.stdout.write(`Failed: ValueError: ${nameError}\n`)
      return 1
    }
    return route
  },
}
