import { Command } from '@oclif/core/command'
import { statusFailure, statusLine, statusWord } from '../../render/ha-status.js'
import { clusterAddresses, openHa, queryAll, resolveTarget, runHa } from '../../services/ha/brokers.js'
import { type StatusFlags, statusFlags } from '../../services/ha/flags.js'

export default class Status extends Command {
  static override description = 'Print HA status'
  static override flags = statusFlags

  async run(): Promise<void> {
    const flags = (await this.parse(Status)).flags as unknown as StatusFlags
    const code = await runHa(async () => {
      const target = resolveTarget(flags)
      const { agent, ha } = await openHa(target)
      agent.close()
      const status = statusWord(ha)
      if (flags['is-primary']) return status === 'active' || status === 'recovering' ? 0 : 1
      if (flags.expect) return flags.expect === status ? 0 : 1
      const addresses = clusterAddresses(String(ha.values.brokersUrl ?? ''))
      if (!flags.all || addresses.length === 0) {
        process.stdout.write(`${status}\n`)
        return 0
      }
      for (const r of await queryAll(addresses, flags, target)) {
        process.stdout.write('ha' in r ? statusLine(r.address, r.ha) : statusFailure(r.address, r.error.message))
      }
      return 0
    })
    if (code !== 0) this.exit(code)
  }
}
