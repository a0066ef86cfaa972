import { Command } from '@oclif/core/command'
import { PythonError } from '../../protocol/errors.js'
import { statusJson } from '../../render/ha-json.js'
import { statusWord } from '../../render/ha-status.js'
import { writeJson } from '../../render/json.js'
import { openHa, resolveTarget, runHa } from '../../services/ha/brokers.js'
import { type StatusFlags, statusFlags } from '../../services/ha/flags.js'
import { statusText, watchStatus } from '../../services/ha/status.js'

export default class Status extends Command {
  static override description = 'Print HA status'
  static override flags = statusFlags

  async run(): Promise<void> {
    const flags = (await this.parse(Status)).flags as unknown as StatusFlags
    const code = await runHa(async () => {
      const target = resolveTarget(flags)
      if (flags.watch !== undefined) {
        if (flags['is-primary'] || flags.expect)
          throw new PythonError(
            'Exception',
            '--watch shows the status; it cannot be used with --is-primary or --expect',
          )
        await watchStatus(flags, target, Number(flags.watch))
        return 0
      }
      if (flags['is-primary'] || flags.expect) {
        const { agent, ha } = await openHa(target)
        agent.close()
        const status = statusWord(ha)
        // they print nothing; with --json the status, and the same exit code
        if (flags.json) writeJson(statusJson(target.label, ha))
        if (flags['is-primary']) return status === 'active' || status === 'recovering' ? 0 : 1
        return flags.expect === status ? 0 : 1
      }
      process.stdout.write(await statusText(flags, target))
      return 0
    })
    if (code !== 0) this.exit(code)
  }
}
