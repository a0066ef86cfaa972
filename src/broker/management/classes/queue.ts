// QMF class `queue` (qmf.md §6.2) with methods purge and reroute.

import { bool, ref, str, type Typed, u32, u64, value } from '../../../protocol/qmf-encode.js'
import type { Queue } from '../../nodes/queue.js'
import { STAT_KEYS } from '../../nodes/stats.js'
import { exchangeOid, type ManagementContext, queueOid, VHOST_OID } from '../context.js'
import { type ManagedClass, type ManagedObject, PKG, QmfError } from '../registry.js'
import { putHiLo } from './hilo.js'
import { putZeroStats } from './zero-stats.js'

export function queueValues(q: Queue): Record<string, Typed> {
  const v: Record<string, Typed> = {
    vhostRef: ref(VHOST_OID),
    name: str(q.name),
    durable: bool(q.durable),
    autoDelete: bool(q.autoDelete),
    exclusive: bool(q.exclusive),
    arguments: value(q.arguments),
    msgDepth: u64(q.msgDepth),
    byteDepth: u64(q.byteDepth),
    flowStopped: bool(q.flowStopped),
    flowStoppedCount: u32(q.flowStoppedCount),
    redirectPeer: str(''),
    redirectSource: bool(false),
    creator: str(q.owner ?? ''),
    messageLatencyCount: u64(0),
    messageLatencyMin: u64(0),
    messageLatencyMax: u64(0),
    messageLatencyAvg: u64(0),
  }
  if (q.alternateExchange !== undefined) v.altExchange = ref(exchangeOid(q.alternateExchange))
  for (const k of STAT_KEYS) if (k !== 'abandoned' && k !== 'abandonedViaAlt') v[k] = u64(q.stats[k])
  putZeroStats(v)
  putHiLo(v, 'consumerCount', q.consumerCount)
  putHiLo(v, 'bindingCount', q.bindingCount)
  const unacked = q.acquiredCount
  v.unackedMessages = u32(unacked)
  v.unackedMessagesHigh = u32(unacked)
  v.unackedMessagesLow = u32(unacked)
  return v
}

function managed(q: Queue): ManagedObject {
  return {
    objectName: queueOid(q.name),
    createdAt: q.createdAt,
    updatedAt: () => q.updatedAt,
    values: () => queueValues(q),
    persistent: q.durable,
    target: q,
    reported: () => {
      q.consumerCount.reset()
      q.bindingCount.reset()
    },
  }
}

function uint(v: unknown): number {
  const n = Number(v ?? 0)
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0
}

export function queueClass(ctx: ManagementContext): ManagedClass {
  const { broker } = ctx
  const prefix = `${PKG}:queue:`
  return {
    packageName: PKG,
    className: 'queue',
    objects: () => [...broker.queues.values()].map(managed),
    find: (n) => {
      if (!n.startsWith(prefix)) return undefined
      const q = broker.queues.get(n.slice(prefix.length))
      return q ? managed(q) : undefined
    },
    methods: {
      purge(obj, args) {
        const q = obj.target as Queue
        q.purge(uint(args.request))
        return {}
      },
      reroute(obj, args) {
        const q = obj.target as Queue
        const useAlt = args.useAltExchange === true || args.useAltExchange === 1
        const exName =
          args.exchange === undefined
            ? ''
            : Buffer.isBuffer(args.exchange)
              ? args.exchange.toString()
              : String(args.exchange)
        const to = useAlt ? q.alternateExchange : broker.exchanges.has(exName) ? exName : undefined
        if (to === undefined) throw new QmfError(4, 'InvalidParameter')
        q.purge(uint(args.request), 'rerouted', to)
        return {}
      },
    },
  }
}
