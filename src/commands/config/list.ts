import type { QmfConsole } from '../../protocol/qmf-types.js'
import { listJson } from '../../render/config-json.js'
import { listColumns, renderList } from '../../render/config-list.js'
import { writeJson } from '../../render/json.js'
import { ConfigCommand } from '../../services/config/command.js'
import type { ConfigFlags } from '../../services/config/flags.js'
import { brokerLabel } from '../../services/config/with-broker.js'

export default class List extends ConfigCommand {
  static override summary = 'list <type> [--show-property <name>]...: any object class as a table.'

  protected async execute(agent: QmfConsole, flags: ConfigFlags, [type]: string[]): Promise<number> {
    const objects = await agent.query(type.toLowerCase())
    const shown = flags['show-property'] ?? []
    if (flags.json) {
      const columns = shown.length > 0 ? listColumns(type, objects, shown).columns : undefined
      writeJson({ broker: brokerLabel(flags), type, objects: listJson(objects, columns) })
    } else process.stdout.write(renderList(type, objects, shown))
    return 0
  }
}
