import { shutdown } from '../../config/admin.js'
import { ConfigCommand } from '../../config/command.js'
import type { BrokerAgent } from '../../qmf/agent.js'
import { QmfError } from '../../qmf/errors.js'

export default class Shutdown extends ConfigCommand {
  static override summary = 'shutdown: stop the broker.'

  protected async execute(agent: BrokerAgent): Promise<number> {
    try {
      await shutdown(agent)
    } catch (err) {
      // The broker may close the connection before it answers: that is the expected outcome.
      if (!(err instanceof QmfError && err.pythonClass === 'ConnectionError')) throw err
    }
    return 0
  }
}
