// QMF class `binding` (qmf.md §6.4), including the implicit default-exchange bindings.

import { ref, str, u64, value } from '../../../protocol/qmf-encode.js'
import type { Binding } from '../../nodes/exchange.js'
import { exchangeOid, type ManagementContext, queueOid } from '../context.js'
import { type ManagedClass, type ManagedObject, PKG } from '../registry.js'

export const bindingOid = (b: Binding) =>
  `${PKG}:binding:${exchangeOid(b.exchange.name)},${queueOid(b.queue.name)},${b.key}`

function managed(b: Binding): ManagedObject {
  return {
    objectName: bindingOid(b),
    createdAt: b.createdAt,
    updatedAt: () => b.createdAt,
    values: () => ({
      exchangeRef: ref(exchangeOid(b.exchange.name)),
      queueRef: ref(queueOid(b.queue.name)),
      bindingKey: str(b.key),
      arguments: value(b.args),
      msgMatched: u64(b.msgMatched),
    }),
    persistent: b.exchange.durable && b.queue.durable,
    target: b,
  }
}

export function bindingClass(ctx: ManagementContext): ManagedClass {
  return {
    packageName: PKG,
    className: 'binding',
    *objects() {
      for (const e of ctx.broker.exchanges.values()) for (const b of e.bindings) yield managed(b)
    },
  }
}
