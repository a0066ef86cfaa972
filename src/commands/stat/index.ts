// qpid-stat: shows broker statistics (tools.md §2). argv arrives folded by
// src/cli/tools/qpid-stat.ts (the view in `show`); this command connects, asks the view for a
// snapshot, prints it as text or --json, once or under --watch, and maps failures to the
// original's `Failed: <Class> - <message>` with exit 1.
import { Command } from '@oclif/core/command'
import * as Flags from '@oclif/core/flags'
import { PythonError } from '../../protocol/errors.js'
import { hostPort, parseBrokerUrl } from '../../protocol/url.js'
import { BrokerAgent } from '../../qmf/console.js'
import type { JsonValue } from '../../render/json.js'
import { type Show, type StatRequest, statSnapshot } from '../../render/stat-snapshot.js'
import type { Snapshot } from '../../render/stat-view.js'
import { watchStdout } from '../../render/stat-watch.js'

/** The original's deadline for every broker reply; also ours when -t is absent or not positive. */
const DEFAULT_TIMEOUT_S = 10
const DEFAULT_LIMIT = 50
/** Shortest --watch interval, so that a typo like --watch=0 cannot flood the broker. */
const MIN_WATCH_S = 0.1

export default class QpidStat extends Command {
  static override strict = false
  static override flags = {
    broker: Flags.string({ default: 'localhost' }),
    timeout: Flags.integer(),
    'sasl-mechanism': Flags.string(),
    'sasl-service-name': Flags.string(),
    'ssl-certificate': Flags.string(),
    'ssl-key': Flags.string(),
    'ha-admin': Flags.boolean(),
    show: Flags.string({ required: true }),
    'sort-by': Flags.string(),
    increasing: Flags.boolean(),
    limit: Flags.integer(),
    json: Flags.boolean(),
    watch: Flags.string(),
  }

  async run(): Promise<void> {
    const { flags, argv } = await this.parse(QpidStat)
    const req: StatRequest = {
      show: flags.show as Show,
      names: argv as string[],
      sort: flags['sort-by']
        ? { column: flags['sort-by'], limit: flags.limit ?? DEFAULT_LIMIT, increasing: flags.increasing }
        : undefined,
    }
    const timeoutMs = (flags.timeout && flags.timeout > 0 ? flags.timeout : DEFAULT_TIMEOUT_S) * 1000
    if (flags.watch === undefined) process.once('SIGINT', interrupted)
    let agent: BrokerAgent | undefined
    try {
      const url = parseBrokerUrl(flags.broker)
      agent = await BrokerAgent.connect({
        url,
        timeoutMs,
        replyTimeoutMs: timeoutMs,
        clientProcess: 'qpid-stat',
        haAdmin: flags['ha-admin'],
        saslMechanism: flags['sasl-mechanism'],
      })
      const source = agent
      const render = flags.json ? jsonText(hostPort(url)) : (s: Snapshot) => s.text
      const once = async () => render(await statSnapshot(source, req))
      if (flags.watch === undefined) process.stdout.write(await once())
      else await watchStdout(once, Math.max(MIN_WATCH_S, Number(flags.watch)), flags.json)
    } catch (err) {
      process.stdout.write(`Failed: ${pythonClass(err)} - ${err instanceof Error ? err.message : String(err)}\n`)
      this.exit(1)
    } finally {
      agent?.close()
    }
  }
}

function jsonText(broker: string) {
  return (s: Snapshot): string => `${JSON.stringify({ broker, ...s.json } as { [k: string]: JsonValue }, null, 2)}\n`
}

/** The original caught KeyboardInterrupt: it printed an empty line and exited with 1. */
function interrupted(): never {
  process.stdout.write('\n')
  process.exit(1)
}

function pythonClass(err: unknown): string {
  if (err instanceof PythonError) return err.pythonClass
  return 'Exception'
}
