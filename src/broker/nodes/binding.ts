// A binding of a queue to an exchange with a key and arguments (QMF class `binding`).
import type { Exchange } from './exchange.js'
import type { Queue } from './queue.js'

export class Binding {
  msgMatched = 0
  readonly createdAt = Date.now()
  constructor(
    readonly exchange: Exchange,
    readonly queue: Queue,
    readonly key: string,
    readonly args: Record<string, unknown>,
  ) {}
}
