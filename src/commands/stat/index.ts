// qpid-stat: shows broker statistics (tools.md §2). argv arrives folded by
// src/cli/qpid-stat/definition.ts (the view in `show`); services/stat/run.ts connects and shows
// the view as text or --json, once or under --watch.
import { Command } from '@oclif/core/command'
import { type StatFlags, statFlags } from '../../services/stat/flags.js'
import { runStat } from '../../services/stat/run.js'
import type { Show } from '../../services/stat/snapshot.js'

const DEFAULT_LIMIT = 50

export default class QpidStat extends Command {
  static override strict = false
  static override flags = statFlags

  async run(): Promise<void> {
    const parsed = await this.parse(QpidStat)
    const flags = parsed.flags as StatFlags
    const argv = parsed.argv as string[]
    const req = {
      show: flags.show as Show,
      names: argv,
      sort: flags['sort-by']
        ? { column: flags['sort-by'], limit: flags.limit ?? DEFAULT_LIMIT, increasing: flags.increasing }
        : undefined,
    }
    const code = await runStat({
      broker: flags.broker ?? 'localhost',
      timeout: flags.timeout,
      saslMechanism: flags['sasl-mechanism'],
      haAdmin: flags['ha-admin'],
      json: flags.json,
      watchSeconds: flags.watch === undefined ? undefined : Number(flags.watch),
      request: req,
    })
    if (code !== 0) this.exit(code)
  }
}
