// The one seam through which the broker core calls its modules (HA, federation, management) and
// its transport. A module registers the handlers it has with `add`:
//   * declare interceptors run before a queue or exchange exists: they may add arguments (HA stamps
//     the replication level) or refuse it by throwing a BrokerError; nothing is created, journalled
//     or announced for a refused declare;
//   * configuration events run after the change (and after it is journalled);
//   * queue events run on the message hot path, so only modules that have one are looped over.
// A few hooks have exactly one owner and are plain fields.
import type { ExchangeDeclaration, QueueDeclaration } from './declarations.js'
import type { Binding, Exchange } from './nodes/exchange.js'
import type { InboundMessage } from './nodes/message.js'
import type { Queue, QueueObserver } from './nodes/queue.js'

export interface BrokerModule extends QueueObserver {
  declaringQueue?(declaration: Readonly<QueueDeclaration>): void
  declaringExchange?(declaration: Readonly<ExchangeDeclaration>): void
  queueDeclared?(queue: Queue): void
  queueDeleted?(queue: Queue): void
  exchangeDeclared?(exchange: Exchange): void
  exchangeDeleted?(exchange: Exchange): void
  bound?(binding: Binding): void
  unbound?(binding: Binding): void
}

export interface ConfirmationSeam {
  begin(): void
  /** Ends the publish; a returned waiter calls `done` when the sender may be confirmed. */
  take(): ((done: () => void) => void) | undefined
}

/** Handles messages addressed to an agent (QMF); returns true when the message was consumed. */
export type AgentHandler = (exchange: Exchange, key: string, msg: InboundMessage) => boolean

const QUEUE_EVENTS = ['enqueued', 'acquired', 'released', 'dequeued'] as const

export class BrokerHooks {
  private readonly modules: BrokerModule[] = []
  /** The modules with a queue event, read by every queue (QueueHost.queueObservers). */
  readonly queueObservers: BrokerModule[] = []
  /** Management: messages to the QMF agent's addresses. */
  qmfRequest?: AgentHandler
  /** HA: brackets each client publish so the sender's confirmation can wait for the backups. */
  confirmation?: ConfirmationSeam
  /** HA: keeps an unused auto-delete queue (replica queues on a backup). */
  keepAutoDelete?: (queue: Queue) => boolean
  /** Transport: detaches the consumers of a deleted queue, after the modules have seen it go. */
  detachConsumers?: (queue: Queue) => void

  /** Registers a module's handlers; returns the function that removes them. */
  add(module: BrokerModule): () => void {
    this.modules.push(module)
    const observesQueues = QUEUE_EVENTS.some((e) => module[e])
    if (observesQueues) this.queueObservers.push(module)
    return () => {
      remove(this.modules, module)
      if (observesQueues) remove(this.queueObservers, module)
    }
  }

  declaringQueue(d: Readonly<QueueDeclaration>): void {
    for (const m of this.modules) m.declaringQueue?.(d)
  }
  declaringExchange(d: Readonly<ExchangeDeclaration>): void {
    for (const m of this.modules) m.declaringExchange?.(d)
  }
  queueDeclared(q: Queue): void {
    for (const m of this.modules) m.queueDeclared?.(q)
  }
  queueDeleted(q: Queue): void {
    for (const m of this.modules) m.queueDeleted?.(q)
    this.detachConsumers?.(q)
  }
  exchangeDeclared(e: Exchange): void {
    for (const m of this.modules) m.exchangeDeclared?.(e)
  }
  exchangeDeleted(e: Exchange): void {
    for (const m of this.modules) m.exchangeDeleted?.(e)
  }
  bound(b: Binding): void {
    for (const m of this.modules) m.bound?.(b)
  }
  unbound(b: Binding): void {
    for (const m of this.modules) m.unbound?.(b)
  }
}

function remove<T>(list: T[], item: T): void {
  const i = list.indexOf(item)
  if (i >= 0) list.splice(i, 1)
}
