import { Command } from '@oclif/core/command'
import { queryAllJson, queryJson } from '../../render/ha-json.js'
import { queryBlock, queryFailure } from '../../render/ha-query.js'
import { writeJson } from '../../render/json.js'
import { clusterAddresses, openHa, queryAll, resolveTarget, runHa } from '../../services/ha/brokers.js'
import { type QueryFlags, queryFlags } from '../../services/ha/flags.js'

export default class Query extends Command {
  static override description = 'Print HA configuration and status'
  static override flags = queryFlags

  async run(): Promise<void> {
    const flags = (await this.parse(Query)).flags as unknown as QueryFlags
    const code = await runHa(async () => {
      const target = resolveTarget(flags)
      const { agent, ha } = await openHa(target)
      agent.close()
      const addresses = clusterAddresses(String(ha.values.brokersUrl ?? ''))
      if (!flags.all || addresses.length === 0) {
        if (flags.json) writeJson(queryJson(target.label, ha))
        else process.stdout.write(queryBlock(ha))
        return 0
      }
      const members = await queryAll(addresses, flags, target)
      if (flags.json) writeJson(queryAllJson(target.label, members))
      else
        for (const r of members) {
          process.stdout.write('ha' in r ? queryBlock(r.ha, r.address) : queryFailure(r.address, r.error.message))
        }
      return 0
    })
    if (code !== 0) this.exit(code)
  }
}
