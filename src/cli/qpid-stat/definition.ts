// qpid-stat's command line: the reduction of its argv to one oclif command
// (tools.md §2.1). Kept free of oclif, rhea and the QMF client so that --help and option errors
// start fast.

import { extensionsHelp } from '../extensions-help.js'
import { noteFailure } from '../json-output.js'
import { OptparseError, type ParsedArgv, parseArgv } from '../optparse.js'
import type { ToolDefinition } from '../run-tool.js'
import { sslKeyError } from '../security-options.js'
import { expandWatch } from '../watch-option.js'
import { HELP, USAGE } from './help.js'
import { QPID_STAT_OPTIONS, VIEWS } from './options.js'

function usageError(err: OptparseError): number {
  noteFailure('UsageError', err.message)
  process.stderr.write(`${USAGE}\nqpid-stat: error: ${err.message}\n`)
  return 2
}

/** Folds the view options into `show` (the last one wins), as store_const with one dest does. */
function foldViews(parsed: ParsedArgv): string | undefined {
  let show: string | undefined
  for (const [key] of parsed.order) if (key in VIEWS) show = VIEWS[key]
  for (const key of Object.keys(VIEWS)) delete parsed.options[key]
  if (show !== undefined) parsed.options.show = show
  return show
}

/** What --help prints: the original's text, then the Extensions section. */
export function helpText(): string {
  return `${HELP}${extensionsHelp('qpid-stat', QPID_STAT_OPTIONS)}`
}

export const qpidStat: ToolDefinition = {
  bin: 'qpid-stat',
  options: QPID_STAT_OPTIONS,
  parse: (argv) => parseArgv(expandWatch(argv), QPID_STAT_OPTIONS),
  usageError,
  route(parsed) {
    if (parsed.exit === 'help') {
      process.stdout.write(helpText())
      return 0
    }
    if (foldViews(parsed) === undefined) {
      return usageError(
        new OptparseError(
          'You must specify one of these options: -g, -c, -e, -q, -m, or -u. For details, try $ qpid-stat --help',
        ),
      )
    }
    const sslError = sslKeyError(parsed.options)
    if (sslError) return usageError(new OptparseError(sslError))
    // A single-command oclif root registers its command under this id (@oclif/core symbols.js).
    return { id: 'Symbol(SINGLE_COMMAND_CLI)', args: parsed.positionals }
  },
}
