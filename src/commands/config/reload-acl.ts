import type { QmfConsole } from '../../protocol/qmf-types.js'
import { reloadAcl } from '../../services/config/admin.js'
import { ConfigCommand } from '../../services/config/command.js'

export default class ReloadAcl extends ConfigCommand {
  static override summary = 'reload-acl: make the ACL module re-read its file.'

  protected async execute(agent: QmfConsole): Promise<number> {
    try {
      await reloadAcl(agent)
    } catch (err) {
      if (!(err instanceof Error) || !err.message.includes('No object found')) throw err
      // Not an error for the original: it says so and exits 0.
      process.stdout.write('Failed: ACL Module Not Loaded in Broker\n')
    }
    return 0
  }
}
