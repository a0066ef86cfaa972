import { readFileSync } from 'node:fs'
import type { QmfConsole } from '../../protocol/qmf-types.js'
import { printUsage } from '../../render/config-usage.js'
import { bind } from '../../services/config/admin.js'
import { type BindingArgs, headersBindingArgs, xmlBindingArgs } from '../../services/config/binding-args.js'
import { ConfigCommand } from '../../services/config/command.js'
import type { ConfigFlags } from '../../services/config/flags.js'
import { applyReplicated } from '../../services/config/wait-replicated.js'

export default class Bind extends ConfigCommand {
  static override summary = 'bind <exchange> <queue> [binding-key] [all|any k=v ...] [-f file|-]'

  protected async execute(agent: QmfConsole, flags: ConfigFlags, words: string[]): Promise<number> {
    if (words.length < 2) {
      printUsage()
      return 1
    }
    const [exchange, queue, key = ''] = words
    // The exchange type decides how the remaining words are read; an unknown exchange is left
    // for the broker to report.
    const ex = await agent.getObject(`org.apache.qpid.broker:exchange:${exchange}`)
    let args: BindingArgs = { ok: true, properties: {} }
    if (ex?.values.type === 'xml') args = xmlBindingArgs(flags.file, () => readFileSync(0, 'utf8'))
    else if (ex?.values.type === 'headers') args = headersBindingArgs(words.slice(3))
    if (!args.ok) {
      process.stdout.write(`${args.message}\n`)
      return 1
    }
    const { properties } = args
    return applyReplicated(agent, flags, { kind: 'binding', exchange, queue, key, present: true }, async () => {
      await bind(agent, exchange, queue, key, properties)
      return 0
    })
  }
}
