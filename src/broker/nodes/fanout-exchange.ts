// Fanout exchange: every binding matches.
import type { Binding } from './exchange.js'
import { Exchange, type RoutableMessage } from './exchange.js'

export class FanoutExchange extends Exchange {
  readonly type = 'fanout'
  match(_key: string, _msg: RoutableMessage, out: Binding[]): void {
    for (const b of this.all) out.push(b)
  }
}
