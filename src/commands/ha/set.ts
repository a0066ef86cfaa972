import { Command } from '@oclif/core/command'
import { PythonError } from '../../protocol/errors.js'
import { HA_BROKER_OBJECT } from '../../protocol/qmf-request.js'
import { openHa, resolveTarget, runHa } from '../../services/ha/brokers.js'
import { type SetFlags, setFlags } from '../../services/ha/flags.js'

/** qpidd-ref extension: the habroker methods setBrokersUrl / setPublicUrl, which no Python tool calls. */
export default class SetHa extends Command {
  static override description = 'Change HA settings of the broker at run time (qpidd-ref extension).'
  static override flags = setFlags

  async run(): Promise<void> {
    const flags = (await this.parse(SetHa)).flags as SetFlags
    const code = await runHa(async () => {
      const brokersUrl = flags['brokers-url']
      const publicUrl = flags['public-url']
      if (brokersUrl === undefined && publicUrl === undefined) {
        throw new PythonError('Exception', 'Nothing to set: give --brokers-url and/or --public-url')
      }
      const { agent } = await openHa(resolveTarget(flags))
      try {
        if (brokersUrl !== undefined) await agent.callMethod(HA_BROKER_OBJECT, 'setBrokersUrl', { url: brokersUrl })
        if (publicUrl !== undefined) await agent.callMethod(HA_BROKER_OBJECT, 'setPublicUrl', { url: publicUrl })
      } finally {
        agent.close()
      }
      return 0
    })
    if (code !== 0) this.exit(code)
  }
}
