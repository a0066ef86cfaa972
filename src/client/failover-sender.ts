// At-least-once sender over a FailoverConnection. Every message goes unsettled and stays in
// `unconfirmed` until the broker settles it; after a failover the new link gets every
// unconfirmed message again, oldest first, before anything sent later. Each message carries a
// message-id (the caller's or a fresh UUID) so receivers can recognise a re-sent copy.
import { randomUUID } from 'node:crypto'
import type { Connection, Delivery, EventContext, Message as RheaMessage, Sender } from 'rhea'

/** A message to send; unlike rhea's type, the body is optional (properties alone are a message too). */
export type Message = Omit<RheaMessage, 'body'> & { body?: unknown }

import { ClientError, describeAmqpError } from './errors.js'
import type { FailoverConnection } from './failover-connection.js'
import { isFatalLinkError } from './link-errors.js'

export interface SenderOptions {
  /** Target node (queue or exchange name). */
  address: string
  /** Most messages kept unconfirmed at once; `writable()` waits while it is reached. */
  capacity?: number
}

interface Entry {
  message: Message
  resolve: () => void
  reject: (err: ClientError) => void
  /** How many times the message went onto a link. */
  transfers: number
}

export class FailoverSender {
  readonly address: string
  readonly capacity: number
  /** Messages transferred again after a failover. */
  resent = 0
  private readonly unconfirmed = new Set<Entry>()
  /** Unconfirmed messages not yet transferred on the current link, in send order. */
  private queue: Entry[] = []
  private readonly onLink = new Map<Delivery, Entry>()
  private link?: Sender
  private isCurrent: () => boolean = () => false
  private failure?: ClientError
  private roomWaiters: (() => void)[] = []
  private emptyWaiters: (() => void)[] = []

  constructor(
    private readonly conn: FailoverConnection,
    options: SenderOptions,
  ) {
    this.address = options.address
    this.capacity = Math.max(1, options.capacity ?? 1000)
    conn.on('failed', (err) => this.fail(err))
    // Nothing can be confirmed any more: unconfirmed sends must not wait forever.
    conn.on('closed', () => this.fail(new ClientError('closed', 'connection closed before the broker confirmed')))
    conn.onConnection((c, isCurrent) => this.attach(c, isCurrent))
  }

  /** Messages the broker has not confirmed yet. */
  get pending(): number {
    return this.unconfirmed.size
  }

  /** Resolves when the broker accepted the message; rejects on rejected/released or a lost cause. */
  send(message: Message): Promise<void> {
    if (this.failure) return Promise.reject(this.failure)
    message.message_id ??= randomUUID()
    return new Promise((resolve, reject) => {
      const entry: Entry = { message, resolve, reject, transfers: 0 }
      this.unconfirmed.add(entry)
      this.queue.push(entry)
      this.pump()
    })
  }

  /** Resolves when fewer than `capacity` messages are unconfirmed (backpressure). */
  writable(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure)
    if (this.unconfirmed.size < this.capacity) return Promise.resolve()
    return new Promise((resolve) => this.roomWaiters.push(resolve))
  }

  /** Resolves when every message sent so far is confirmed or refused. */
  settled(): Promise<void> {
    if (this.unconfirmed.size === 0 || this.failure) return Promise.resolve()
    return new Promise((resolve) => this.emptyWaiters.push(resolve))
  }

  private attach(conn: Connection, isCurrent: () => boolean): void {
    if (this.failure) return
    this.isCurrent = isCurrent
    this.onLink.clear()
    this.queue = [...this.unconfirmed]
    const link = conn.open_sender({ target: { address: this.address }, autosettle: true })
    this.link = link
    link.on('sendable', () => {
      if (isCurrent()) this.pump()
    })
    link.on('accepted', (ctx) => this.outcome(ctx, isCurrent))
    link.on('rejected', (ctx) => this.outcome(ctx, isCurrent))
    link.on('released', (ctx) => this.outcome(ctx, isCurrent))
    link.on('settled', (ctx) => this.outcome(ctx, isCurrent))
    link.on('sender_close', () => {
      if (!isCurrent()) return
      const error = link.error
      if (isFatalLinkError(error)) {
        this.fail(new ClientError('link', `${this.address}: ${describeAmqpError(error, 'link closed')}`))
      } else {
        this.conn.failover(`sender link closed by broker: ${describeAmqpError(error, 'no error')}`)
      }
    })
  }

  private pump(): void {
    const link = this.link
    if (!link || !this.isCurrent()) return
    while (this.queue.length > 0 && link.sendable()) {
      const entry = this.queue.shift()!
      if (!this.unconfirmed.has(entry)) continue
      if (entry.transfers++ > 0) this.resent++
      this.onLink.set(link.send(entry.message as RheaMessage), entry)
    }
  }

  private outcome(ctx: EventContext, isCurrent: () => boolean): void {
    const delivery = ctx.delivery!
    const entry = this.onLink.get(delivery)
    if (!entry || !isCurrent()) return
    const state = (delivery.remote_state as { constructor?: { composite_type?: string } } | undefined)?.constructor
      ?.composite_type
    // A broker may settle without an outcome; the delivery is then the broker's (its default outcome).
    if (state === undefined && !delivery.remote_settled) return
    this.onLink.delete(delivery)
    this.unconfirmed.delete(entry)
    if (state === undefined || state === 'accepted') entry.resolve()
    else {
      const error = (delivery.remote_state as { error?: unknown }).error
      const kind = state === 'rejected' ? 'rejected' : 'released'
      entry.reject(new ClientError(kind, `message ${state} by broker: ${describeAmqpError(error, state)}`))
    }
    this.wake()
  }

  private wake(): void {
    if (this.unconfirmed.size < this.capacity) for (const w of this.roomWaiters.splice(0)) w()
    if (this.unconfirmed.size === 0) for (const w of this.emptyWaiters.splice(0)) w()
  }

  private fail(err: ClientError): void {
    if (this.failure) return
    this.failure = err
    for (const entry of this.unconfirmed) entry.reject(err)
    this.unconfirmed.clear()
    this.queue = []
    this.link = undefined
    for (const w of this.emptyWaiters.splice(0)) w()
    for (const w of this.roomWaiters.splice(0)) w()
  }
}
