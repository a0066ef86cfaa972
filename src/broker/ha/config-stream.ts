// The primary's end of a backup's configuration stream: a snapshot of every replicated exchange,
// queue and binding plus the member list, then each change in order. Messages are queued while
// the backup has no credit, so nothing is lost or reordered.

import type { Broker } from '../broker.js'
import type { BindingDeclaration, ExchangeDeclaration, QueueDeclaration } from '../declarations.js'
import type { Binding, Exchange } from '../nodes/exchange.js'
import type { Queue } from '../nodes/queue.js'
import { bindingReplicated, stampedLevel } from './levels.js'
import type { MemberRecord } from './membership.js'
import { type ConfigEvent, plainArgs } from './protocol.js'

type RheaSender = any

export function queueDecl(q: Queue): QueueDeclaration {
  return {
    name: q.name,
    durable: q.durable,
    autoDelete: q.autoDelete,
    exclusive: q.exclusive,
    arguments: plainArgs(q.arguments),
    alternateExchange: q.alternateExchange,
  }
}

export function exchangeDecl(e: Exchange): ExchangeDeclaration {
  return {
    name: e.name,
    type: e.type,
    durable: e.durable,
    autoDelete: e.autoDelete,
    arguments: plainArgs(e.arguments),
    alternateExchange: e.altExchange?.name,
  }
}

export function bindingDecl(b: Binding): BindingDeclaration {
  return { exchange: b.exchange.name, queue: b.queue.name, key: b.key, arguments: plainArgs(b.args) }
}

export function isReplicatedBinding(b: Binding): boolean {
  return bindingReplicated(b.exchange.arguments, b.queue.arguments, b.args)
}

export function snapshotOf(broker: Broker, replicateDefault: string, members: MemberRecord[]): ConfigEvent {
  const exchanges = [...broker.exchanges.values()].filter((e) => stampedLevel(e.arguments) !== 'none')
  const queues = [...broker.queues.values()].filter((q) => stampedLevel(q.arguments) !== 'none')
  const bindings: BindingDeclaration[] = []
  for (const e of exchanges) for (const b of e.bindings) if (isReplicatedBinding(b)) bindings.push(bindingDecl(b))
  return {
    type: 'snapshot',
    replicateDefault,
    members,
    exchanges: exchanges.map(exchangeDecl),
    queues: queues.map(queueDecl),
    bindings,
  }
}

export class ConfigStream {
  private readonly pending: ConfigEvent[] = []
  private sends = 0
  private readonly baseCount: number
  private ended = false

  constructor(private readonly sender: RheaSender) {
    this.baseCount = sender.delivery_count
    sender.on('sendable', () => this.flush())
    sender.on('accepted', (ctx: any) => {
      if (!ctx.delivery.settled) ctx.delivery.update(true)
    })
    sender.on('settled', () => {})
  }

  send(ev: ConfigEvent): void {
    if (this.ended) return
    this.pending.push(ev)
    this.flush()
  }

  end(): void {
    this.ended = true
    this.pending.length = 0
  }

  private flush(): void {
    while (!this.ended && this.pending.length > 0) {
      const inFlight = this.sends - (this.sender.delivery_count - this.baseCount)
      if (this.sender.credit - inFlight <= 0) return
      const ev = this.pending.shift() as ConfigEvent
      this.sends++
      this.sender.send({ body: JSON.stringify(ev) })
    }
  }
}
