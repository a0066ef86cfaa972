// The remote end of a federation link as a QMF broker object: method calls over the link's own
// connection. Dynamic and exchange routes use it to bind their bridge queue on the remote exchange
// (an AMQP 1.0 attach can carry only one binding, a dynamic route needs one per key). Replies arrive as raw messages (the
// broker's process-wide decoder), so bodies are decoded here.
import type { Connection, Receiver, Sender } from 'rhea'
import { BROKER_OBJECT, methodRequestBody, QMF_REQUEST_ADDRESS, qmfRequest } from '../../protocol/qmf-request.js'
import { decodeFull } from '../message/codec.js'
import type { InboundMessage } from '../nodes/message.js'

const REPLY_TIMEOUT_MS = 10000

interface Pending {
  resolve(): void
  reject(err: Error): void
  timer: NodeJS.Timeout
}

function text(v: unknown): string {
  return Buffer.isBuffer(v) ? v.toString('utf8') : String(v ?? '')
}

export class RemoteBroker {
  private readonly sender: Sender
  private readonly ready: Promise<string>
  private readonly pending = new Map<string, Pending>()
  private nextId = 1

  constructor(conn: Connection) {
    this.sender = conn.open_sender({ target: { address: QMF_REQUEST_ADDRESS } })
    const receiver: Receiver = conn.open_receiver({ source: { dynamic: true } as never })
    this.ready = new Promise((resolve, reject) => {
      receiver.once('receiver_open', () => resolve(receiver.source.address))
      receiver.once('receiver_close', () => reject(new Error('management reply link refused')))
    })
    this.ready.catch(() => {})
    receiver.on('message', (ctx) => this.onReply(ctx.message as unknown as InboundMessage))
  }

  /** Calls a method of the remote broker object; rejects with the agent's error text. */
  async call(method: string, args: Record<string, unknown>): Promise<void> {
    const replyTo = await this.ready
    const id = String(this.nextId++)
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id)
        reject(new Error(`no reply to ${method} within ${REPLY_TIMEOUT_MS / 1000} s`))
      }, REPLY_TIMEOUT_MS)
      this.pending.set(id, { resolve, reject, timer })
      this.sender.send(qmfRequest('_method_request', methodRequestBody(BROKER_OBJECT, method, args), replyTo, id))
    })
  }

  /** The connection went away: every outstanding call fails. */
  abort(reason: string): void {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer)
      this.pending.delete(id)
      p.reject(new Error(reason))
    }
  }

  private onReply(msg: InboundMessage): void {
    const id = text(msg.correlationId)
    const p = this.pending.get(id)
    if (!p) return
    this.pending.delete(id)
    clearTimeout(p.timer)
    if (msg.applicationProperties?.['qmf.opcode'] === '_method_response') {
      p.resolve()
      return
    }
    let reason = 'unexpected reply'
    try {
      const body = decodeFull(msg.bytes).body as { _values?: { error_text?: unknown } } | undefined
      reason = text(body?._values?.error_text) || reason
    } catch {
      // an undecodable reply is still a failure, reported with the generic text
    }
    p.reject(new Error(reason))
  }
}
