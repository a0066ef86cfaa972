// PLACEHOLDER until the qpid-config work lands: proves the router → oclif path.
import type { ToolDefinition } from '../run-tool.js'

export const qpidConfig: ToolDefinition = {
  bin: 'qpid-config',
  options: [
    { long: 'broker', short: 'b', type: 'string' },
    { long: 'broker-addr', short: 'a', type: 'string', dest: 'broker' },
    { long: 'durable' },
    { long: 'argument', type: 'string', multiple: true },
  ],
  usageError(err) {
    process.stderr.write(`qpid-config: error: ${err.message}\n`)
    return 2
  },
  route(parsed) {
    return { id: parsed.positionals[0] ?? 'queues', args: parsed.positionals.slice(1) }
  },
}
