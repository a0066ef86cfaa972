// Receiver over a FailoverConnection: a credit window, explicit or automatic accept, and a
// fresh link after every failover. It never hands the application a message whose message-id it
// has already accepted or rejected: such copies (re-sent by a sender, or redelivered because the
// accept was lost with the old primary) are accepted silently and counted as filtered duplicates.
import { EventEmitter } from 'node:events'
import type { Connection, Delivery, Message, Receiver } from 'rhea'
import { ClientError, describeAmqpError } from './errors.js'
import type { FailoverConnection } from './failover-connection.js'
import { isFatalLinkError } from './link-errors.js'
import { SettledIds } from './settled-ids.js'

export interface ReceiverOptions {
  /** Source node (queue name). */
  address: string
  /** Messages the broker may push ahead of the application (prefetch). */
  credit?: number
  /** Accept each message as soon as the 'message' listeners return. */
  autoAccept?: boolean
  /** How many settled message-ids are remembered for duplicate filtering. */
  rememberSettled?: number
}

export interface ReceivedMessage {
  message: Message
  /** The broker says an earlier delivery of this message may have reached a consumer. */
  redelivered: boolean
  accept(): void
  reject(description?: string): void
  /** Gives the message back to the broker; it may be delivered again. */
  release(): void
}

interface Events {
  message: [ReceivedMessage]
  /** Terminal: the connection gave up, or the broker refused the source address. */
  error: [ClientError]
}

type Settlement = 'accept' | 'reject' | 'release'

export class FailoverReceiver extends EventEmitter<Events> {
  readonly address: string
  /** Copies of already settled messages that were dropped instead of handed out. */
  duplicatesFiltered = 0
  private readonly credit: number
  private readonly autoAccept: boolean
  private readonly settledIds: SettledIds
  private failure?: ClientError

  constructor(
    private readonly conn: FailoverConnection,
    options: ReceiverOptions,
  ) {
    super()
    this.address = options.address
    this.credit = Math.max(1, options.credit ?? 100)
    this.autoAccept = options.autoAccept ?? true
    this.settledIds = new SettledIds(options.rememberSettled ?? 100_000)
    conn.on('failed', (err) => this.fail(err))
    conn.onConnection((c, isCurrent) => this.attach(c, isCurrent))
  }

  private attach(conn: Connection, isCurrent: () => boolean): void {
    if (this.failure) return
    const link = conn.open_receiver({ source: { address: this.address }, credit_window: 0, autoaccept: false })
    link.add_credit(this.credit)
    link.on('message', (ctx) => {
      if (isCurrent()) this.deliver(ctx.message!, ctx.delivery!, link, isCurrent)
    })
    link.on('receiver_close', () => {
      if (!isCurrent()) return
      const error = link.error
      if (isFatalLinkError(error)) {
        this.fail(new ClientError('link', `${this.address}: ${describeAmqpError(error, 'link closed')}`))
      } else {
        this.conn.failover(`receiver link closed by broker: ${describeAmqpError(error, 'no error')}`)
      }
    })
  }

  private deliver(message: Message, delivery: Delivery, link: Receiver, isCurrent: () => boolean): void {
    const id = idKey(message.message_id)
    if (id !== undefined && this.settledIds.has(id)) {
      this.duplicatesFiltered++
      delivery.accept()
      link.add_credit(1)
      return
    }
    let done = false
    const settle = (how: Settlement, description?: string) => {
      if (done) return
      done = true
      // A released message is meant to come back; anything else must not reach us again.
      if (id !== undefined && how !== 'release') this.settledIds.add(id)
      // On a link of a broker we already left the settlement cannot travel; the broker we fail
      // over to delivers the message again, and the remembered id filters that copy.
      if (!isCurrent()) return
      if (how === 'accept') delivery.accept()
      else if (how === 'reject') delivery.reject({ condition: 'amqp:precondition-failed', description })
      else delivery.release()
      link.add_credit(1)
    }
    const received: ReceivedMessage = {
      message,
      redelivered: (message.delivery_count ?? 0) > 0 || message.first_acquirer === false,
      accept: () => settle('accept'),
      reject: (description) => settle('reject', description),
      release: () => settle('release'),
    }
    this.emit('message', received)
    if (this.autoAccept) received.accept()
  }

  private fail(err: ClientError): void {
    if (this.failure) return
    this.failure = err
    this.emit('error', err)
  }
}

/** A comparable key for any AMQP message-id type (string, ulong, uuid, binary). */
function idKey(id: unknown): string | undefined {
  if (id === undefined || id === null) return undefined
  if (Buffer.isBuffer(id)) return `b:${id.toString('hex')}`
  return `${typeof id}:${String(id)}`
}
