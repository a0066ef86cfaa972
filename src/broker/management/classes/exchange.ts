// QMF class `exchange` (qmf.md §6.3).

import { bool, ref, str, type Typed, u64, value } from '../../../protocol/qmf-encode.js'
import type { Exchange } from '../../nodes/exchange.js'
import { exchangeOid, type ManagementContext, VHOST_OID } from '../context.js'
import { type ManagedClass, type ManagedObject, PKG } from '../registry.js'
import { putHiLo } from './hilo.js'

export function exchangeValues(e: Exchange): Record<string, Typed> {
  const v: Record<string, Typed> = {
    vhostRef: ref(VHOST_OID),
    name: str(e.name),
    type: str(e.type),
    durable: bool(e.durable),
    autoDelete: bool(e.autoDelete),
    arguments: value(e.arguments),
    msgReceives: u64(e.msgReceives),
    msgDrops: u64(e.msgDrops),
    msgRoutes: u64(e.msgRoutes),
    byteReceives: u64(e.byteReceives),
    byteDrops: u64(e.byteDrops),
    byteRoutes: u64(e.byteRoutes),
  }
  if (e.altExchange) v.altExchange = ref(exchangeOid(e.altExchange.name))
  putHiLo(v, 'producerCount', e.producerCount)
  putHiLo(v, 'bindingCount', e.bindingCount)
  return v
}

function managed(e: Exchange): ManagedObject {
  return {
    objectName: exchangeOid(e.name),
    createdAt: e.createdAt,
    updatedAt: () => e.updatedAt,
    values: () => exchangeValues(e),
    persistent: e.durable,
    target: e,
    reported: () => e.bindingCount.reset(),
  }
}

export function exchangeClass(ctx: ManagementContext): ManagedClass {
  const prefix = `${PKG}:exchange:`
  return {
    packageName: PKG,
    className: 'exchange',
    objects: () => [...ctx.broker.exchanges.values()].map(managed),
    find: (n) => {
      if (!n.startsWith(prefix)) return undefined
      const e = ctx.broker.exchanges.get(n.slice(prefix.length))
      return e ? managed(e) : undefined
    },
  }
}
