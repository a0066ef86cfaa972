import type { QmfConsole } from '../../protocol/qmf-types.js'
import { renderExchangeBindings } from '../../render/config-bindings.js'
import { renderExchanges } from '../../render/config-exchanges.js'
import { exchangesJson } from '../../render/config-json.js'
import { writeJson } from '../../render/json.js'
import { ConfigCommand } from '../../services/config/command.js'
import type { ConfigFlags } from '../../services/config/flags.js'
import { brokerLabel, printLines } from '../../services/config/with-broker.js'

export default class Exchanges extends ConfigCommand {
  static override summary = 'List exchanges whose name contains the filter; -r adds their bindings.'

  protected async execute(agent: QmfConsole, flags: ConfigFlags, [filter = '']: string[]): Promise<number> {
    const ignoreDefault = flags['ignore-default']
    if (flags.recursive) {
      const [exchanges, bindings, queues] = await Promise.all(
        ['exchange', 'binding', 'queue'].map((c) => agent.query(c)),
      )
      if (flags.json) {
        writeJson({ broker: brokerLabel(flags), exchanges: exchangesJson(exchanges, filter, ignoreDefault, bindings) })
      } else printLines(renderExchangeBindings(exchanges, bindings, queues, filter, ignoreDefault))
      return 0
    }
    const exchanges = await agent.query('exchange')
    if (flags.json) {
      const rows = exchangesJson(exchanges, filter, ignoreDefault)
      writeJson({ broker: brokerLabel(flags), exchanges: rows })
      // Same rule as the text listing: exit 1 only when no name matched the filter at all.
      return exchanges.some((ex) => String(ex.values.name ?? '').includes(filter)) ? 0 : 1
    }
    const lines = renderExchanges(exchanges, filter, ignoreDefault)
    if (!lines) return 1
    printLines(lines)
    return 0
  }
}
