// Exchange type name → class. The QMF management exchanges route like direct/topic; qpidd's tools
// show them as `direct`/`topic` (golden/32-qpid-config-exchanges.txt), so that is their type here.
import { DirectExchange } from './direct-exchange.js'
import type { Exchange, ExchangeOptions } from './exchange.js'
import { FanoutExchange } from './fanout-exchange.js'
import { HeadersExchange } from './headers-exchange.js'
import { TopicExchange } from './topic-exchange.js'

const types: Record<string, new (name: string, opts: ExchangeOptions) => Exchange> = {
  direct: DirectExchange,
  topic: TopicExchange,
  fanout: FanoutExchange,
  headers: HeadersExchange,
}

export function isExchangeType(t: string): boolean {
  return Object.hasOwn(types, t)
}

export function createExchange(type: string, name: string, opts: ExchangeOptions): Exchange {
  return new types[type](name, opts)
}
