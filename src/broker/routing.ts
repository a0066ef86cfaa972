// Routing a message to queues: exchange matching with de-duplication, alternate exchange for
// unroutable messages, reject-policy limit checks before anything is enqueued (all or nothing).
import type { Binding, Exchange, RoutableMessage } from './nodes/exchange.js'
import type { Queue } from './nodes/queue.js'

const scratch: Binding[] = []

/** Queues an exchange delivers to for `key`; follows the alternate exchange when nothing matches. */
export function resolveQueues(exchange: Exchange, key: string, msg: RoutableMessage, size: number): Queue[] {
  let ex: Exchange | undefined = exchange
  let depth = 0
  while (ex && depth++ < 8) {
    ex.msgReceives++
    ex.byteReceives += size
    scratch.length = 0
    ex.match(key, msg, scratch)
    if (scratch.length > 0) {
      ex.msgRoutes++
      ex.byteRoutes += size
      ex.updatedAt = Date.now()
      if (scratch.length === 1) {
        scratch[0].msgMatched++
        return [scratch[0].queue]
      }
      const out: Queue[] = []
      for (const b of scratch) {
        b.msgMatched++
        if (!out.includes(b.queue)) out.push(b.queue)
      }
      return out
    }
    ex.msgDrops++
    ex.byteDrops += size
    ex.updatedAt = Date.now()
    ex = ex.altExchange
  }
  return []
}
