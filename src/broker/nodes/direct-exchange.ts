// Direct exchange: binding key equals the routing key. Indexed by key for O(1) routing.
import type { Binding } from './exchange.js'
import { Exchange, type RoutableMessage } from './exchange.js'

export class DirectExchange extends Exchange {
  readonly type: string = 'direct'
  private readonly byKey = new Map<string, Binding[]>()

  match(key: string, _msg: RoutableMessage, out: Binding[]): void {
    const l = this.byKey.get(key)
    if (l) for (const b of l) out.push(b)
  }
  protected added(b: Binding): void {
    const l = this.byKey.get(b.key)
    if (l) l.push(b)
    else this.byKey.set(b.key, [b])
  }
  protected removed(b: Binding): void {
    const l = this.byKey.get(b.key)
    if (!l) return
    const i = l.indexOf(b)
    if (i >= 0) l.splice(i, 1)
    if (l.length === 0) this.byKey.delete(b.key)
  }
}
