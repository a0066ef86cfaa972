import { PythonError } from '../../protocol/errors.js'
import type { QmfConsole } from '../../protocol/qmf-types.js'
import { shutdown } from '../../services/config/admin.js'
import { ConfigCommand } from '../../services/config/command.js'
import type { ConfigFlags } from '../../services/config/flags.js'
import { shutdownPlan } from '../../services/config/survey.js'
import { brokerLabel } from '../../services/config/with-broker.js'
import { safely } from '../../services/safe-change.js'

export default class Shutdown extends ConfigCommand {
  static override summary = 'shutdown: stop the broker.'

  protected async execute(agent: QmfConsole, flags: ConfigFlags): Promise<number> {
    return safely(
      flags,
      () => shutdownPlan(agent, brokerLabel(flags)),
      async () => {
        try {
          await shutdown(agent)
        } catch (err) {
          // The broker may close the connection before it answers: that is the expected outcome.
          if (!(err instanceof PythonError && err.pythonClass === 'ConnectionError')) throw err
        }
        return 0
      },
    )
  }
}
