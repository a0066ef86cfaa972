// Headers exchange: routes on application properties (see headers-match.ts); the key is ignored.
import type { Binding } from './exchange.js'
import { Exchange, type RoutableMessage } from './exchange.js'
import { headersMatch } from './headers-match.js'

export class HeadersExchange extends Exchange {
  readonly type = 'headers'
  match(_key: string, msg: RoutableMessage, out: Binding[]): void {
    for (const b of this.all) if (headersMatch(b.args, msg.applicationProperties)) out.push(b)
  }
}
