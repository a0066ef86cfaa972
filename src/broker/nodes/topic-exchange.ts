// Topic exchange: binding keys are qpid topic patterns (see topic-match.ts).
import type { Binding } from './exchange.js'
import { Exchange, type RoutableMessage } from './exchange.js'
import { splitWords, topicMatch } from './topic-match.js'

export class TopicExchange extends Exchange {
  readonly type: string = 'topic'
  private readonly patterns = new Map<Binding, string[]>()

  match(key: string, _msg: RoutableMessage, out: Binding[]): void {
    const words = splitWords(key)
    for (const b of this.all) if (topicMatch(this.patterns.get(b) as string[], words)) out.push(b)
  }
  protected added(b: Binding): void {
    this.patterns.set(b, splitWords(b.key))
  }
  protected removed(b: Binding): void {
    this.patterns.delete(b)
  }
}
