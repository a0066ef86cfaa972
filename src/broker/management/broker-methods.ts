// Methods of the broker object (qmf.md §4): create, delete, query, getLogLevel, setLogLevel, echo,
// shutdown. Errors carry qpidd's texts; BrokerError becomes code 7 in the agent.

import { map, str, type Typed, u32 } from '../../protocol/qmf-encode.js'
import { BrokerError } from '../errors.js'
import { queueValues } from './classes/queue.js'
import type { ManagementContext } from './context.js'
import { type MethodHandler, QmfError } from './registry.js'

function txt(v: unknown): string {
  if (v === undefined || v === null) return ''
  return Buffer.isBuffer(v) ? v.toString('utf8') : String(v)
}

/** qpidd accepts booleans given as bool, integer or text. */
function truthy(v: unknown): boolean {
  if (typeof v === 'boolean') return v
  if (typeof v === 'number') return v !== 0
  const s = txt(v).toLowerCase()
  return s === 'true' || s === '1' || s === 'yes'
}

function asMap(v: unknown): Record<string, unknown> {
  if (v === undefined || v === null) return {}
  if (typeof v !== 'object' || Array.isArray(v) || Buffer.isBuffer(v))
    throw new QmfError(7, 'invalid parameter to method call: properties')
  return v as Record<string, unknown>
}

/** Splits a binding name `exchange/queue/key` as qpidd does (1, 2 or 3 parts). */
function bindingParts(name: string): [string, string, string] {
  const p = name.split('/')
  if (p.length === 1) return ['', p[0], '']
  if (p.length === 2) return [p[0], p[1], '']
  if (p.length === 3) return [p[0], p[1], p[2]]
  throw new BrokerError(`invalid binding: ${name}`)
}

export function brokerMethods(ctx: ManagementContext): Record<string, MethodHandler> {
  const { broker } = ctx
  return {
    create(_obj, args) {
      const type = txt(args.type)
      const name = txt(args.name)
      const props = { ...asMap(args.properties) }
      const take = (k: string) => {
        const v = props[k]
        delete props[k]
        return v
      }
      if (type === 'queue') {
        const durable = truthy(take('durable'))
        const autoDelete = truthy(take('auto-delete'))
        const exclusive = truthy(take('exclusive'))
        const alt = take('alternate-exchange')
        if (broker.queues.has(name)) throw new BrokerError(`object already exists: ${name}`)
        broker.declareQueue(name, {
          durable,
          autoDelete,
          exclusive,
          arguments: props,
          alternateExchangeName: alt === undefined || txt(alt) === '' ? undefined : txt(alt),
        })
      } else if (type === 'exchange' || type === 'topic') {
        const exType = props['exchange-type'] === undefined ? 'topic' : txt(take('exchange-type'))
        const durable = truthy(take('durable'))
        const autoDelete = truthy(take('auto-delete'))
        const alt = take('alternate-exchange')
        if (broker.exchanges.has(name)) throw new BrokerError(`object already exists: ${name}`)
        broker.declareExchange(name, exType, {
          durable,
          autoDelete,
          arguments: props,
          alternateExchangeName: alt === undefined || txt(alt) === '' ? undefined : txt(alt),
        })
      } else if (type === 'binding') {
        const [ex, q, key] = bindingParts(name)
        delete props['exchange-type']
        broker.bind(ex, q, key, props)
      } else {
        throw new BrokerError(`unknown object type: ${type}`)
      }
      return {}
    },
    delete(_obj, args) {
      const type = txt(args.type)
      const name = txt(args.name)
      const options = asMap(args.options)
      if (type === 'queue') {
        broker.deleteQueue(name, { ifEmpty: truthy(options.if_empty), ifUnused: truthy(options.if_unused) })
      } else if (type === 'exchange' || type === 'topic') {
        broker.deleteExchange(name)
      } else if (type === 'binding') {
        const [ex, q, key] = bindingParts(name)
        broker.unbind(ex, q, key)
      } else {
        throw new BrokerError(`unknown object type: ${type}`)
      }
      return {}
    },
    query(_obj, args) {
      const type = txt(args.type)
      const name = txt(args.name)
      if (type === 'queue') {
        const q = broker.queues.get(name)
        if (!q) throw new QmfError(1, 'UnknownObject')
        return { results: map(queueValues(q)) }
      }
      if (type === 'exchange' || type === 'topic' || type === 'binding') throw new QmfError(3, 'NotImplemented')
      throw new BrokerError(`unknown object type: ${type}`)
    },
    getLogLevel() {
      return { level: str(broker.log.getSelector()) }
    },
    setLogLevel(_obj, args) {
      try {
        broker.log.setSelector(txt(args.level))
      } catch (e) {
        throw new BrokerError((e as Error).message)
      }
      return {}
    },
    echo(_obj, args) {
      const out: Record<string, Typed> = { sequence: u32(Number(args.sequence ?? 0)), body: str(txt(args.body)) }
      return out
    },
    shutdown() {
      // reply first, then stop (qpidd's reply may never arrive; ours does)
      setTimeout(() => broker.onShutdown?.(), 50)
      return {}
    },
  }
}
