// qpid-route's command line: the routing of its positional words (tools.md §4.2-4.3).
// Kept free of oclif, rhea and the QMF client so that --help and option errors start fast.

import { printUsage, USAGE } from '../../render/route-usage.js'
import { extensionsHelp } from '../extensions-help.js'
import { noteFailure } from '../json-output.js'
import { firstNameError } from '../names.js'
import { OptparseError } from '../optparse.js'
import type { Route, ToolDefinition } from '../run-tool.js'
import { sslKeyError } from '../security-options.js'
import { QPID_ROUTE_OPTIONS } from './options.js'

function usageError(err: OptparseError): number {
  noteFailure('UsageError', err.message)
  process.stderr.write(`${USAGE}qpid-route: error: ${err.message}\n`)
  return 2
}

/** What --help prints: the original's text, then the Extensions section. */
export async function helpText(): Promise<string> {
  const { HELP_AFTER_USAGE } = await import('./help.js')
  return `${USAGE}${HELP_AFTER_USAGE}${extensionsHelp('qpid-route', QPID_ROUTE_OPTIONS)}`
}

/** The command words: group, then command (also what shell completion offers). */
export const COMMANDS: Record<string, readonly string[]> = {
  link: ['add', 'del', 'list'],
  dynamic: ['add', 'del'],
  route: ['add', 'del', 'list', 'flush', 'map'],
  queue: ['add', 'del'],
}

/**
 * Positional words → oclif command id. Every command gets all the words (it needs their count and
 * positions). The original connects before it judges the words, so malformed ones still go to a
 * command: `usage` (connects, prints the synopsis, 255) or `none` for `link`/`dynamic` with an
 * unknown word, which the original silently accepted (connects, exit 0).
 */
export function routeWords(words: readonly string[]): Route {
  const [group, cmd] = words
  const args = [...words]
  if (group === 'queue' && (words.length < 6 || words.length > 7)) return { id: 'usage', args }
  if (COMMANDS[group]?.includes(cmd)) return { id: `${group}:${cmd}`, args }
  if (group === 'link' || group === 'dynamic') return { id: 'none', args }
  return { id: 'usage', args }
}

export const qpidRoute: ToolDefinition = {
  bin: 'qpid-route',
  options: QPID_ROUTE_OPTIONS,
  usageError,
  route(parsed) {
    if (parsed.exit === 'help') {
      return helpText().then((text) => {
        process.stdout.write(text)
        return 0
      })
    }
    const sslError = sslKeyError(parsed.options)
    if (sslError) return usageError(new OptparseError(sslError))
    const words = parsed.positionals
    if (words.length < 2) return printUsage()
    // With -s and three words the original indexed past the end before its error handler
    // (a traceback, exit 1); we print only the traceback's last line.
    if (parsed.options['src-local'] && words.length === 3) {
      noteFailure('IndexError', 'list index out of range')
      process.stderr.write('IndexError: list index out of range\n')
      return 1
    }
    const route = routeWords(words)
    const nameError = firstNameError(namedWords(words))
    if (route.id !== 'usage' && nameError) {
      noteFailure('ValueError', nameError)
      process.stdout.write(`Failed: ValueError - ${nameError}\n`)
      return 1
    }
    return route
  },
}

/** The exchange, queue and routing-key words of a route command, for the name checks. */
function namedWords(words: readonly string[]): Array<[string, string | undefined, boolean?]> {
  const [group, , , , exchange, fifth] = words
  if (group === 'dynamic') return [['exchange name', exchange, true]]
  if (group === 'route')
    return [
      ['exchange name', exchange, true],
      ['routing key', fifth, true],
    ]
  if (group === 'queue')
    return [
      ['exchange name', exchange, true],
      ['queue name', fifth],
    ]
  return []
}
