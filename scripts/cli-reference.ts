// Generates, from the tools' option tables (src/cli/<tool>/options.ts) and their help texts, a
// reference page per tool (docs/cli/<tool>.md) and bash and zsh completion (completions/). Run
// `node --import tsx scripts/cli-reference.ts` after changing an option; test/cli/reference.test.ts
// fails while a committed file differs from what this generates.
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { OptionSpec } from '../src/cli/optparse.js'
import { helpText as configHelp } from '../src/cli/qpid-config/definition.js'
import { QPID_CONFIG_OPTIONS } from '../src/cli/qpid-config/options.js'
import {
  EXTENSION_COMMANDS,
  fullCommandHelp,
  type HaCommand,
  MANAGER_COMMANDS,
  toolHelp,
  USER_COMMANDS,
} from '../src/cli/qpid-ha/definition.js'
import { CONNECTION_OPTIONS } from '../src/cli/qpid-ha/options.js'
import { COMMANDS as ROUTE_COMMANDS, helpText as routeHelp } from '../src/cli/qpid-route/definition.js'
import { QPID_ROUTE_OPTIONS } from '../src/cli/qpid-route/options.js'
import { helpText as statHelp } from '../src/cli/qpid-stat/definition.js'
import { QPID_STAT_OPTIONS } from '../src/cli/qpid-stat/options.js'

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')

interface Tool {
  bin: string
  /** Options every command takes. */
  options: readonly OptionSpec[]
  /** First command word → the words that may follow it. */
  words: Readonly<Record<string, readonly string[]>>
  /** Options of one command only (qpid-ha: each command has its own parser). */
  commandOptions: Readonly<Record<string, readonly OptionSpec[]>>
  /** The help texts, each under its heading (`qpid-config --help`). */
  help: Array<[string, string]>
}

// qpid-config's command words, as src/cli/qpid-config/definition.ts routes them
const CONFIG_WORDS = {
  exchanges: [],
  queues: [],
  add: ['exchange', 'queue'],
  del: ['exchange', 'queue'],
  bind: [],
  unbind: [],
  list: [],
  log: [],
  'reload-acl': [],
  shutdown: [],
}

const HA_COMMANDS: readonly HaCommand[] = [...USER_COMMANDS, ...MANAGER_COMMANDS, ...EXTENSION_COMMANDS]

async function tools(): Promise<Tool[]> {
  const haOwn = (c: HaCommand) => c.options.filter((o) => !CONNECTION_OPTIONS.some((s) => s.long === o.long))
  return [
    {
      bin: 'qpid-config',
      options: QPID_CONFIG_OPTIONS,
      words: CONFIG_WORDS,
      commandOptions: {},
      help: [['qpid-config --help', await configHelp()]],
    },
    {
      bin: 'qpid-stat',
      options: QPID_STAT_OPTIONS,
      words: {},
      commandOptions: {},
      help: [['qpid-stat --help', statHelp()]],
    },
    {
      bin: 'qpid-ha',
      options: CONNECTION_OPTIONS,
      words: Object.fromEntries(HA_COMMANDS.map((c) => [c.help.name, []])),
      commandOptions: Object.fromEntries(
        HA_COMMANDS.map((c) => [
          c.help.name,
          MANAGER_COMMANDS.includes(c) ? [...haOwn(c), { long: 'cluster-manager' }] : haOwn(c),
        ]),
      ),
      help: [
        ['qpid-ha --help --cluster-manager', toolHelp([...USER_COMMANDS, ...MANAGER_COMMANDS])],
        ...HA_COMMANDS.map((c): [string, string] => [`qpid-ha ${c.help.name} --help`, fullCommandHelp(c)]),
      ],
    },
    {
      bin: 'qpid-route',
      options: QPID_ROUTE_OPTIONS,
      words: ROUTE_COMMANDS,
      commandOptions: {},
      help: [['qpid-route --help', await routeHelp()]],
    },
  ]
}

const flagsOf = (s: OptionSpec) => [...(s.short ? [`-${s.short}`] : []), `--${s.long}`]
const flagWords = (specs: readonly OptionSpec[]) => specs.flatMap(flagsOf).join(' ')
const allOptions = (t: Tool) => [...t.options, ...Object.values(t.commandOptions).flat()]
/**
 * The options whose value is the next word (`--watch` takes one only as `--watch=N`); without those
 * with choices when `choices` is false (they are completed first).
 */
const valuedPattern = (t: Tool, choices = true) =>
  [
    ...new Set(
      allOptions(t)
        .filter((s) => s.type && !s.metavar?.startsWith('[') && (choices || !s.choices))
        .flatMap(flagsOf),
    ),
  ].join('|')
const choiceOptions = (t: Tool) => allOptions(t).filter((s) => s.choices)
/** The commands that have options of their own, with them. */
const ownOptions = (t: Tool) => Object.entries(t.commandOptions).filter(([, specs]) => specs.length > 0)
const source = (t: Tool) => `src/cli/${t.bin}/options.ts`

function bash(t: Tool): string {
  const fn = `_${t.bin.replaceAll('-', '_')}`
  const reply = (words: string) =>
    `mapfile -t COMPREPLY < <(compgen -W ${words.startsWith('$') ? `"${words}"` : `'${words}'`} -- "$cur")`
  const perCommand = ownOptions(t)
    .map(([c, specs]) => `      ${c}) opts+=' ${flagWords(specs)}' ;;\n`)
    .join('')
  const second = Object.entries(t.words)
    .filter(([, next]) => next.length > 0)
    .map(([w, next]) => `        ${w}) ${reply(next.join(' '))} ;;\n`)
    .join('')
  const valued = valuedPattern(t)
  return `# bash completion for ${t.bin}: generated by scripts/cli-reference.ts from ${source(t)}, do not edit.
# Source it, or install it as /usr/share/bash-completion/completions/${t.bin}.
${fn}() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD - 1]}
  local -a words=()
  local i w skip=0
  # the command words so far: every word that is neither an option nor an option's value
  for ((i = 1; i < COMP_CWORD; i++)); do
    w=\${COMP_WORDS[i]}
    if ((skip)); then
      skip=0
      continue
    fi
    case $w in
      ${valued}) skip=1 ;;
      -*) ;;
      *) words+=("$w") ;;
    esac
  done
  case $prev in
${choiceOptions(t)
  .map((s) => `    ${flagsOf(s).join('|')}) ${reply((s.choices ?? []).join(' '))}; return ;;\n`)
  .join('')}    ${valuedPattern(t, false)}) COMPREPLY=(); return ;;
  esac
  if [[ $cur == -* ]]; then
    local opts='${flagWords(t.options)}'
${perCommand ? `    case \${words[0]} in\n${perCommand}    esac\n` : ''}    ${reply('$opts')}
    return
  fi
  case \${#words[@]} in
    0) ${reply(Object.keys(t.words).join(' '))} ;;
${second ? `    1)\n      case \${words[0]} in\n${second}      esac\n      ;;\n` : ''}  esac
}
complete -F ${fn} ${t.bin}
`
}

function zsh(t: Tool): string {
  const fn = `_${t.bin}`
  const perCommand = ownOptions(t)
    .map(([c, specs]) => `      (${c}) opts+=(${flagWords(specs)}) ;;\n`)
    .join('')
  const second = Object.entries(t.words)
    .filter(([, next]) => next.length > 0)
    .map(([w, next]) => `        (${w}) compadd -- ${next.join(' ')} ;;\n`)
    .join('')
  const valued = valuedPattern(t)
  return `#compdef ${t.bin}
# zsh completion for ${t.bin}: generated by scripts/cli-reference.ts from ${source(t)}, do not edit.
# Put it in a directory of $fpath (e.g. /usr/share/zsh/site-functions/) as _${t.bin}.
${fn}() {
  local -a cmd opts
  local i w skip=0
  # the command words so far: every word that is neither an option nor an option's value
  for ((i = 2; i < CURRENT; i++)); do
    w=\${words[i]}
    if ((skip)); then
      skip=0
      continue
    fi
    case $w in
      (${valued}) skip=1 ;;
      (-*) ;;
      (*) cmd+=("$w") ;;
    esac
  done
  case \${words[CURRENT - 1]} in
${choiceOptions(t)
  .map((s) => `    (${flagsOf(s).join('|')}) compadd -- ${(s.choices ?? []).join(' ')}; return ;;\n`)
  .join('')}    (${valuedPattern(t, false)}) _message value; return ;;
  esac
  if [[ \${words[CURRENT]} == -* ]]; then
    opts=(${flagWords(t.options)})
${perCommand ? `    case \${cmd[1]} in\n${perCommand}    esac\n` : ''}    compadd -- $opts
    return
  fi
  case \${#cmd} in
    (0) compadd -- ${Object.keys(t.words).join(' ')} ;;
${second ? `    (1)\n      case \${cmd[1]} in\n${second}      esac\n      ;;\n` : ''}  esac
}
${fn} "$@"
`
}

function optionRows(specs: readonly OptionSpec[]): string {
  const value = (s: OptionSpec) =>
    s.choices ? s.choices.map((c) => `\`${c}\``).join(', ') : s.metavar ? `\`${s.metavar}\`` : (s.type ?? '')
  return specs
    .map((s) => {
      const what = s.extension ? `added by this port: ${s.extension}` : "the original's (help text below)"
      return `| \`${flagsOf(s).join(', ')}\` | ${value(s)} | ${what} |\n`
    })
    .join('')
}

/** The hand-written guide of the tool in docs/. */
const guide = (t: Tool) => (t.bin === 'qpid-ha' ? 'ha.md' : `${t.bin}.md`)

function page(t: Tool): string {
  const table = (specs: readonly OptionSpec[]) => `| option | value | what it is |\n|---|---|---|\n${optionRows(specs)}`
  const words = Object.entries(t.words).map(([w, next]) => `\`${w}${next.length ? ` ${next.join('|')}` : ''}\``)
  const commandTables = ownOptions(t)
    .map(([c, specs]) => `\n### \`${c}\`\n\n${table(specs)}`)
    .join('')
  return `# ${t.bin}: command line reference

<!-- generated by scripts/cli-reference.ts from ${source(t)} and the help texts; do not edit: run
\`node --import tsx scripts/cli-reference.ts\` (test/cli/reference.test.ts checks this page is current) -->

What the tool does and how it differs from the original: [${guide(t)}](../${guide(t)}),
[compat.md](../compat.md). Shell completion: \`completions/${t.bin}.bash\` (bash), \`completions/_${t.bin}\` (zsh).
${words.length ? `\nCommand words: ${words.join(', ')}.\n` : ''}
## Options${t.bin === 'qpid-ha' ? ' of every command' : ''}

${table(t.options)}${commandTables ? `\n## Options of one command\n${commandTables}` : ''}
## Help texts

${t.help.map(([title, text]) => `### \`${title}\`\n\n\`\`\`text\n${text}\`\`\`\n`).join('\n')}`
}

/** Every generated file: path under the project root → content. */
export async function referenceFiles(): Promise<Map<string, string>> {
  const files = new Map<string, string>()
  for (const t of await tools()) {
    files.set(`docs/cli/${t.bin}.md`, page(t))
    files.set(`completions/${t.bin}.bash`, bash(t))
    files.set(`completions/_${t.bin}`, zsh(t))
  }
  return files
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [path, text] of await referenceFiles()) {
    mkdirSync(dirname(join(ROOT, path)), { recursive: true })
    writeFileSync(join(ROOT, path), text)
  }
}
