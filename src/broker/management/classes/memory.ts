// QMF class `memory` (object name just `amqp-broker`). qpidd reports glibc mallinfo(); a Node
// process has no such numbers, so the fields carry the closest process.memoryUsage() figures:
//   malloc_arena    = heapTotal (memory reserved for the JS heap)
//   malloc_uordblks = heapUsed (in use)
//   malloc_fordblks = heapTotal - heapUsed (reserved but free)
//   malloc_hblkhd   = external (C++ objects and Buffers outside the heap)
//   malloc_hblks    = arrayBuffers (ArrayBuffer/Buffer memory, part of external)
//   malloc_ordblks  = rss (resident set of the whole process)
//   malloc_keepcost = 0
import { str, u64 } from '../../../protocol/qmf-encode.js'
import type { ManagementContext } from '../context.js'
import { type ManagedClass, type ManagedObject, PKG } from '../registry.js'

export function memoryClass(ctx: ManagementContext): ManagedClass {
  let updatedAt = Date.now()
  const obj: ManagedObject = {
    objectName: 'amqp-broker',
    createdAt: ctx.broker.startedAt,
    updatedAt: () => updatedAt,
    values() {
      const m = process.memoryUsage()
      return {
        name: str('amqp-broker'),
        malloc_arena: u64(m.heapTotal),
        malloc_ordblks: u64(m.rss),
        malloc_hblks: u64(m.arrayBuffers),
        malloc_hblkhd: u64(m.external),
        malloc_uordblks: u64(m.heapUsed),
        malloc_fordblks: u64(Math.max(0, m.heapTotal - m.heapUsed)),
        malloc_keepcost: u64(0),
      }
    },
  }
  return {
    packageName: PKG,
    className: 'memory',
    objects: () => [obj],
    beforeQuery: () => {
      // qpidd refreshes its malloc figures on a memory query. A broker started with node's
      // --expose-gc (benchmarks do) also collects garbage first, so the figures show live data.
      ;(globalThis as { gc?: () => void }).gc?.()
      updatedAt = Date.now()
    },
  }
}
