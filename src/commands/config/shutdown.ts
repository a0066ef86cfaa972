import { PythonError } from '../../protocol/errors.js'
import type { QmfConsole } from '../../protocol/qmf-types.js'
import { shutdown } from '../../services/config/admin.js'
import { ConfigCommand } from '../../services/config/command.js'

export default class Shutdown extends ConfigCommand {
  static override summary = 'shutdown: stop the broker.'

  protected async execute(agent: QmfConsole): Promise<number> {
    try {
      await shutdown(agent)
    } catch (err) {
      // The broker may close the connection before it answers: that is the expected outcome.
      if (!(err instanceof PythonError && err.pythonClass === 'ConnectionError')) throw err
    }
    return 0
  }
}
