// qpid-ha's argv rules, which differ from the other tools: `--cluster-manager` (its first
// occurrence, exactly) is removed before anything else and unlocks manager commands; the first
// argument equal to a command name (option values included) selects the command; then that
// command's own optparse parser reads the whole remaining argv, command word included, so the
// positionals are "<anything> <arg1> <arg2>" and the first positional is ignored.

import { unknownLine } from '../../render/ha-check.js'
import { extensionsHelp } from '../extensions-help.js'
import { noteFailure } from '../json-output.js'
import { firstNameError } from '../names.js'
import { type OptionSpec, OptparseError, type ParsedArgv, parseArgv } from '../optparse.js'
import type { ToolDefinition } from '../run-tool.js'
import { sslKeyError } from '../security-options.js'
import { versionLine } from '../version.js'
import { expandWatch, WATCH_OPTION } from '../watch-option.js'
import {
  CHECK,
  type CommandHelp,
  commandHelp,
  DIFF,
  LAG,
  PING,
  PROMOTE,
  QUERY,
  REPLICATE,
  SET,
  STATUS,
  SWITCHOVER,
  toolUsage,
  usageBlock,
} from './help.js'
import {
  CHECK_OPTIONS,
  CONNECTION_OPTIONS,
  JSON_OPTIONS,
  LAG_OPTIONS,
  PROMOTE_OPTIONS,
  QUERY_OPTIONS,
  SET_OPTIONS,
  STATUS_OPTIONS,
  SWITCHOVER_OPTIONS,
} from './options.js'

const PROG = 'qpid-ha'
const HELP_WORDS = ['help', '--help', '-help', '-h', 'help-all', '--help-all']

export interface HaCommand {
  help: CommandHelp
  options: readonly OptionSpec[]
}

const command = (help: CommandHelp, own: readonly OptionSpec[] = []): HaCommand => ({
  help,
  options: [...CONNECTION_OPTIONS, ...own, ...JSON_OPTIONS],
})

/** User commands in the order `--help` lists them. */
export const USER_COMMANDS = [
  command(PING),
  command(STATUS, STATUS_OPTIONS),
  command(REPLICATE),
  command(QUERY, QUERY_OPTIONS),
]
export const MANAGER_COMMANDS = [command(PROMOTE, PROMOTE_OPTIONS)]
/** Extensions: selectable like user commands, not listed, so `--help` stays byte-identical. */
const CHECK_COMMAND = command(CHECK, CHECK_OPTIONS)
export const EXTENSION_COMMANDS = [
  command(SET, SET_OPTIONS),
  CHECK_COMMAND,
  command(LAG, LAG_OPTIONS),
  command(SWITCHOVER, SWITCHOVER_OPTIONS),
  command(DIFF),
]

/** A monitoring plugin's bad command line is UNKNOWN (exit 3), never a state the monitor would act on. */
function checkUsageError(message: string): number {
  noteFailure('UsageError', message)
  print(unknownLine(message))
  return 3
}

interface Selection {
  args: string[]
  /** Commands available with this argv (manager commands only with --cluster-manager). */
  listed: HaCommand[]
  found?: HaCommand
}

function select(argv: readonly string[]): Selection {
  const args = [...argv]
  const at = args.indexOf('--cluster-manager')
  if (at !== -1) args.splice(at, 1)
  const listed = at === -1 ? USER_COMMANDS : [...USER_COMMANDS, ...MANAGER_COMMANDS]
  const selectable = [...listed, ...EXTENSION_COMMANDS]
  const word = args.find((a) => selectable.some((c) => c.help.name === a))
  const found = selectable.find((c) => c.help.name === word)
  // only commands that have --watch read a bare `--w...` as `--watch=2`; to the others it stays unknown
  const watches = found?.options.some((o) => o.long === WATCH_OPTION.long)
  return { args: watches ? expandWatch(args) : args, listed, found }
}

function print(text: string): void {
  process.stdout.write(text)
}

/** What `--timeout` really does; the original's help line, kept byte for byte, says 0 waits forever. */
const TIMEOUT_NOTE =
  '--timeout=0, or less, does not wait forever: it keeps the default 10 s, so no command hangs on a dead or hung broker.'

/** What `qpid-ha --help` prints for `listed` commands: the original's text, then the Extensions section. */
export function toolHelp(listed: readonly HaCommand[]): string {
  return `${toolUsage(
    PROG,
    listed.map((c) => c.help),
  )}${toolExtensions()}`
}

/** What `qpid-ha <command> --help` prints: the original's text, then the Extensions section. */
export function fullCommandHelp(c: HaCommand): string {
  return `${commandHelp(c.help)}${commandExtensions(c)}`
}

/** The Extensions section of `qpid-ha --help`: what is not in the original at all. */
function toolExtensions(): string {
  return extensionsHelp(PROG, CONNECTION_OPTIONS, [
    TIMEOUT_NOTE,
    'Command set: change HA settings at run time (qpid-ha set --help). Command check: a monitoring plugin (qpid-ha check --help). Command lag: replication lag per backup and queue (qpid-ha lag --help). Command switchover: a planned change of primary (qpid-ha switchover --help). Command diff: configuration drift between the primary and its backups (qpid-ha diff --help). promote also takes --force, --dry-run and --yes (qpid-ha promote --help --cluster-manager).',
  ])
}

/** The Extensions section of `qpid-ha <command> --help`; an extension command's own help lists its options already. */
function commandExtensions(c: HaCommand): string {
  return extensionsHelp(PROG, EXTENSION_COMMANDS.includes(c) ? CONNECTION_OPTIONS : c.options, [TIMEOUT_NOTE])
}

/** Everything the Python tool decides before connecting: help, unknown command, argument count. */
function preempt(argv: readonly string[]): number | undefined {
  const { args, listed, found } = select(argv)
  if (args[0] === '--version') {
    print(versionLine(PROG))
    return 0
  }
  if (args.length > 0 && HELP_WORDS.includes(args[0])) {
    if (args[0].includes('help-all')) for (const c of listed) print(`${commandHelp(c.help)}\n`)
    else print(toolHelp(listed))
    return 0
  }
  if (!found) {
    const manager = MANAGER_COMMANDS.find((c) => args.includes(c.help.name))
    if (manager) {
      const n = manager.help.name
      noteFailure('Exception', `'${n}' should only be called by the cluster manager.`)
      print(
        `Exception: '${n}' should only be called by the cluster manager.\n` +
          `Incorrect use of '${n}' will cause cluster malfunction.\n` +
          `To call from a cluster manager use '${n} --cluster-manager'. \n`,
      )
    } else {
      noteFailure('Exception', 'No valid command')
      print(
        `${toolUsage(
          PROG,
          listed.map((c) => c.help),
        )}Exception: No valid command\n`,
      )
    }
    return 1
  }
  let parsed: ParsedArgv
  try {
    parsed = parseArgv(args, found.options)
  } catch (err) {
    if (err instanceof OptparseError) return optparseError(found, err.message)
    throw err
  }
  if (parsed.exit === 'help') {
    print(fullCommandHelp(found))
    return 0
  }
  if (parsed.exit === 'version') {
    print(versionLine(PROG))
    return 0
  }
  if (parsed.positionals.length !== found.help.argNames.length + 1) {
    if (found === CHECK_COMMAND) return checkUsageError('Wrong number of arguments')
    noteFailure('Exception', 'Wrong number of arguments')
    print(`${commandHelp(found.help)}Exception: Wrong number of arguments\n`)
    return 1
  }
  const sslError = sslKeyError(parsed.options)
  if (sslError) return optparseError(found, sslError)
  // replicate <broker> <queue>, in the original's argument order (the first word is the command)
  const nameError =
    found.help.name === 'replicate' ? firstNameError([['queue name', parsed.positionals[2]]]) : undefined
  if (nameError) {
    noteFailure('ValueError', nameError)
    print(`ValueError: ${nameError}\n`)
    return 1
  }
  return undefined
}

function optparseError(c: HaCommand, message: string): number {
  if (c === CHECK_COMMAND) return checkUsageError(message)
  noteFailure('UsageError', message)
  process.stderr.write(`${usageBlock(c.help)}\n${PROG}: error: ${message}\n`)
  return 2
}

export const qpidHa: ToolDefinition = {
  bin: PROG,
  options: CONNECTION_OPTIONS,
  preempt,
  parse(argv) {
    const { args, found } = select(argv)
    // preempt has already handled every argv without a command. The command name goes first so
    // route() knows it even when it was found in an option value.
    const c = found as HaCommand
    const parsed = parseArgv(args, c.options)
    return { ...parsed, positionals: [c.help.name, ...parsed.positionals] }
  },
  usageError(err) {
    // unreachable in practice: preempt reports optparse errors with the command's usage
    noteFailure('UsageError', err.message)
    process.stderr.write(`${PROG}: error: ${err.message}\n`)
    return 2
  },
  route(parsed) {
    const [name, , ...args] = parsed.positionals
    return { id: name, args }
  },
}
