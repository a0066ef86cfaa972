// Exchange base: its bindings and statistics. Each exchange type (one file each) decides which
// bindings match a message.

import type { InboundMessage } from './message.js'
import type { Queue } from './queue.js'
import { HiLo } from './stats.js'

/** What routing needs to know about a message. */
export type RoutableMessage = Pick<InboundMessage, 'subject' | 'applicationProperties'>

export interface ExchangeOptions {
  durable?: boolean
  autoDelete?: boolean
  arguments?: Record<string, unknown>
  alternateExchange?: Exchange
}

/** A binding of a queue to an exchange with a key and arguments (QMF class `binding`). */
export class Binding {
  msgMatched = 0
  readonly createdAt = Date.now()
  constructor(
    readonly exchange: Exchange,
    readonly queue: Queue,
    readonly key: string,
    readonly args: Record<string, unknown>,
  ) {}
}

export abstract class Exchange {
  abstract readonly type: string
  readonly durable: boolean
  readonly autoDelete: boolean
  readonly arguments: Record<string, unknown>
  altExchange?: Exchange
  /** Number of queues/exchanges using this exchange as alternate. */
  altUsers = 0
  readonly bindingCount = new HiLo()
  readonly producerCount = new HiLo()
  msgReceives = 0
  msgDrops = 0
  msgRoutes = 0
  byteReceives = 0
  byteDrops = 0
  byteRoutes = 0
  persistenceId = 0
  deleted = false
  readonly createdAt = Date.now()
  updatedAt = Date.now()
  protected readonly all: Binding[] = []

  constructor(
    readonly name: string,
    opts: ExchangeOptions = {},
  ) {
    this.durable = !!opts.durable
    this.autoDelete = !!opts.autoDelete
    this.arguments = opts.arguments ?? {}
    this.altExchange = opts.alternateExchange
  }

  get bindings(): readonly Binding[] {
    return this.all
  }

  find(queue: Queue, key: string): Binding | undefined {
    for (const b of this.all) if (b.queue === queue && b.key === key) return b
    return undefined
  }

  /** Adds a binding; returns undefined if an identical one exists (a silent success in qpidd). */
  bind(queue: Queue, key: string, args: Record<string, unknown>): Binding | undefined {
    if (this.find(queue, key)) return undefined
    const b = new Binding(this, queue, key, args)
    this.all.push(b)
    this.added(b)
    this.bindingCount.set(this.all.length)
    return b
  }

  unbind(b: Binding): void {
    const i = this.all.indexOf(b)
    if (i < 0) return
    this.all.splice(i, 1)
    this.removed(b)
    this.bindingCount.set(this.all.length)
  }

  /** Collects matching bindings into `out` (queues may repeat; the router de-duplicates). */
  abstract match(key: string, msg: RoutableMessage, out: Binding[]): void
  protected added(_b: Binding): void {}
  protected removed(_b: Binding): void {}
}
