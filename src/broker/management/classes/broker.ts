// QMF class `broker` (qmf.md §6.1): one object, statistics are the sum over all queues.

import { bool, ref, str, type Typed, u16, u32, u64 } from '../../../protocol/qmf-encode.js'
import { VERSION } from '../../broker.js'
import { brokerMethods } from '../broker-methods.js'
import type { ManagementContext } from '../context.js'
import { BROKER_OID, systemOid } from '../context.js'
import { type ManagedClass, type ManagedObject, PKG } from '../registry.js'
import { putZeroStats } from './zero-stats.js'

export function brokerClass(ctx: ManagementContext): ManagedClass {
  const { broker } = ctx
  let updatedAt = Date.now()
  const obj: ManagedObject = {
    objectName: BROKER_OID,
    createdAt: broker.startedAt,
    updatedAt: () => updatedAt,
    values() {
      const t = broker.totals()
      const v: Record<string, Typed> = {
        name: str('amqp-broker'),
        systemRef: ref(systemOid(broker.systemId)),
        port: u16(broker.port),
        workerThreads: u16(1),
        maxConns: u16(500),
        connBacklog: u16(10),
        stagingThreshold: u32(5000000),
        mgmtPublish: bool(true),
        mgmtPubInterval: u16(10),
        version: str(VERSION),
        uptime: u64(BigInt(Date.now() - broker.startedAt) * 1_000_000n),
        queueCount: u64(broker.queues.size),
        msgDepth: u64(t.msgDepth),
        byteDepth: u64(t.byteDepth),
        discardsNoRoute: u64(broker.discardsNoRoute),
      }
      if (broker.dataDir) v.dataDir = str(broker.dataDir)
      for (const k of Object.keys(t) as (keyof typeof t)[]) {
        if (typeof t[k] === 'number' && v[k] === undefined) v[k] = u64(t[k] as number)
      }
      putZeroStats(v)
      return v
    },
  }
  return {
    packageName: PKG,
    className: 'broker',
    objects: () => [obj],
    find: (n) => (n === BROKER_OID ? obj : undefined),
    // qpidd refreshes uptime on every broker query, so the object's update time is "now"
    beforeQuery: () => {
      updatedAt = Date.now()
    },
    methods: brokerMethods(ctx),
  }
}
