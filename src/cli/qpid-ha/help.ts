// qpid-ha's help texts, laid out exactly as Python optparse formats them (width 78, help column
// 24), because operators' scripts and the golden transcripts compare them byte for byte.
// Each command = usage line, its description, its own options, then the shared connection group.

const CONNECTION_GROUP = `  Broker connection options:
    -b <address>, --broker=<address>
                        Address of qpidd broker with syntax:
                        [username/password@] hostname | ip-address [:<port>]
                        (Default 0.0.0.0)
    --timeout=<seconds>
                        Give up if the broker does not respond within the
                        timeout. 0 means wait forever (Default 10.0)
    --sasl-mechanism=<mech>
                        SASL mechanism for authentication (e.g. EXTERNAL,
                        ANONYMOUS, PLAIN, CRAM-MD5, DIGEST-MD5, GSSAPI). SASL
                        automatically picks the most secure available
                        mechanism - use this option to override
    --sasl-service-name=SASL_SERVICE_NAME
                        SASL service name to use
    --ssl-certificate=<cert>
                        Client SSL certificate (PEM Format)
    --ssl-key=<key>     Client SSL private key (PEM Format)
    --config=<path/to/qpidd.conf>
                        Read default connection configuration from the
                        qpidd.conf broker configuration file. Defaults are
                        overridden by command-line options.)
`

const HELP_OPTION = '  -h, --help            show this help message and exit\n'

export interface CommandHelp {
  name: string
  /** Full description; the command list shows it up to its first `.`. */
  description: string
  argNames: string[]
  /** Pre-formatted lines of the command's own options (after `-h, --help`). */
  optionLines: string
}

/** optparse's `Usage: ...` block, printed alone before an optparse error. */
export function usageBlock(c: CommandHelp): string {
  return `Usage: ${c.name} [options] ${c.argNames.join(' ')}\n\n${c.description}\n`
}

/** optparse's print_help() output for a command. */
export function commandHelp(c: CommandHelp): string {
  return `${usageBlock(c)}\nOptions:\n${HELP_OPTION}${c.optionLines}\n${CONNECTION_GROUP}`
}

/** The tool-level usage (`qpid-ha --help`), listing `commands` in order. */
export function toolUsage(prog: string, commands: readonly CommandHelp[]): string {
  const lines = commands.map((c) => `  ${c.name.padEnd(12)} ${c.description.split('.')[0]}.\n`).join('')
  return `usage: ${prog} <command> [<arguments>]\n\nCommands are:\n\n${lines}\nFor help with a command type: ${prog} <command> --help\n\n`
}

export const PING: CommandHelp = {
  name: 'ping',
  description: 'Check if the broker is alive and responding',
  argNames: [],
  optionLines: '',
}

export const STATUS: CommandHelp = {
  name: 'status',
  description: 'Print HA status',
  argNames: [],
  optionLines: `  --expect=<status>     Don't print status. Return 0 if it matches <status>, 1
                        otherwise
  --is-primary          Don't print status. Return 0 if the broker is primary,
                        1 otherwise
  --all                 Print status for all brokers in the cluster
`,
}

export const REPLICATE: CommandHelp = {
  name: 'replicate',
  description: 'Set up replication from <queue> on <remote-broker> to <queue> on the current broker.',
  argNames: ['<queue>', '<remote-broker>'],
  optionLines: '',
}

export const QUERY: CommandHelp = {
  name: 'query',
  description: 'Print HA configuration and status',
  argNames: [],
  optionLines: `  --all                 Print configuration and status for all brokers in the
                        cluster
`,
}

export const PROMOTE: CommandHelp = {
  name: 'promote',
  description:
    '[Cluster manager only] Promote a backup broker to primary. This command should *only* be used by a cluster manager (such as rgmanager) that ensures only one broker is primary at a time. Promoting more than one broker to primary at the same time will make the cluster inconsistent and will cause data loss and unexpected behavior.',
  argNames: [],
  optionLines: '',
}

/** qpidd-ref extension (not in the Python tool): calls setBrokersUrl / setPublicUrl. */
export const SET: CommandHelp = {
  name: 'set',
  description: 'Change HA settings of the broker at run time (qpidd-ref extension).',
  argNames: [],
  optionLines: `  --brokers-url=<url>   Set the URL of all cluster brokers (HA method
                        setBrokersUrl)
  --public-url=<url>    Set the URL advertised to clients (HA method
                        setPublicUrl)
`,
}

/** Not in the Python tool (docs/ha.md): a Nagios/Icinga plugin. */
export const CHECK: CommandHelp = {
  name: 'check',
  description:
    'Check the health of the broker, or with --all of its cluster, as a Nagios/Icinga plugin: one status line, exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (not in the original qpid-ha).',
  argNames: [],
  optionLines: `  --all                 Check every broker of the cluster: exactly one primary,
                        every member reachable and ready, replication lag
  --expect-members=<n>  WARNING unless the brokers URL lists <n> members
  --ready-grace=<seconds>
                        Time a backup is given to become ready (Default 5)
  --warn-lag=<messages>
                        WARNING when a backup lags more messages than this
  --crit-lag=<messages>
                        CRITICAL when a backup lags more messages than this
  --json                Print one JSON document instead of the status line
`,
}

/** Not in the Python tool (docs/ha.md): replication lag of every backup. */
export const LAG: CommandHelp = {
  name: 'lag',
  description:
    'Show how far each backup is behind the primary on every fully replicated queue: depth, bytes and enqueues on both, the lag, and how much of each queue a backup still catching up holds (not in the original qpid-ha).',
  argNames: [],
  optionLines: `  --watch[=SECONDS]     Show it again every SECONDS (default 2) until Ctrl-C:
                        redrawn on a terminal, appended when piped
  --json                Print one JSON document instead of the table
`,
}

/** Not in the Python tool (docs/ha.md): a planned change of primary, without a cluster manager. */
export const SWITCHOVER: CommandHelp = {
  name: 'switchover',
  description:
    'Make the backup given with --to the primary: once it is ready with no replication lag, stop the primary (Broker shutdown), promote the backup and wait until it is active; prints how long clients had no primary (not in the original qpid-ha; under a cluster manager, move its resource instead).',
  argNames: [],
  optionLines: `  --to=<backup>         The backup to promote: host[:port] as in the brokers URL
  --dry-run             Say what the switchover would do (or why it would fail)
                        and change nothing
  --yes                 On a terminal, switch over without asking first
  --json                Print one JSON document
`,
}

/** Not in the Python tool (docs/ha.md): configuration drift between the primary and its backups. */
export const DIFF: CommandHelp = {
  name: 'diff',
  description:
    'Show the replicated queues, exchanges and bindings that differ between the primary and each backup; exit 0 when every backup holds exactly what the primary holds, 1 otherwise (not in the original qpid-ha).',
  argNames: [],
  optionLines: `  --json                Print one JSON document
`,
}
