// The agent side of a tiny in-process QMF v2 broker on 127.0.0.1 (port 0), shared by the unit
// tests' responders (test/unit/ha-responder.ts, route-responder.ts): one reply sender for each
// link a tool opens, named as the tool's reply-to, and each request answered by the caller's
// handlers. What the answers hold is up to each responder.
import type { Server } from 'node:net'
import rhea, { type EventContext, type Sender } from 'rhea'

export type Values = Record<string, unknown>

/** A method's output arguments, or an agent exception [error_code, error_text]. */
export type MethodAnswer = { ok: Values } | { error: [number, string] }

export interface QmfHandlers {
  /** The container id. */
  id: string
  /** Offer SASL ANONYMOUS; without it the responder offers no SASL mechanism. */
  anonymous?: boolean
  /** Application properties added to every reply. */
  replyProperties?: Values
  /** Called with the open properties of each accepted connection. */
  onOpen?(properties: Values): void
  /** The `_values` rows answering a `_query_request`. */
  query(body: Record<string, any>): unknown[]
  method(body: Record<string, any>): MethodAnswer
}

export interface QmfListener {
  port: number
  address: string
  close(): Promise<void>
}

export async function startQmfResponder(handlers: QmfHandlers): Promise<QmfListener> {
  const container = rhea.create_container({ id: handlers.id })
  if (handlers.anonymous) container.sasl_server_mechanisms.enable_anonymous()
  const replySenders = new Map<string, Sender>()
  let n = 0
  // peers that vanish (killed tools) are expected here
  container.on('disconnected', () => {})
  const { onOpen } = handlers
  if (onOpen)
    container.on('connection_open', (ctx: EventContext) =>
      onOpen((ctx.connection.remote.open?.properties ?? {}) as Values),
    )
  container.on('sender_open', (ctx: EventContext) => {
    const address = `reply-${++n}`
    ctx.sender!.set_source({ address })
    replySenders.set(address, ctx.sender!)
  })
  container.on('message', (ctx: EventContext) => {
    const msg = ctx.message!
    const props = (msg.application_properties ?? {}) as Values
    const reply = replySenders.get(String(msg.reply_to))
    if (!reply) return
    const body = msg.body as Record<string, any>
    const answer = (opcode: string, replyBody: unknown) =>
      reply.send({
        correlation_id: msg.correlation_id,
        application_properties: { 'qmf.opcode': opcode, method: 'response', ...handlers.replyProperties },
        body: replyBody,
      })
    if (props['qmf.opcode'] === '_query_request') {
      answer('_query_response', handlers.query(body))
    } else if (props['qmf.opcode'] === '_method_request') {
      const result = handlers.method(body)
      if ('ok' in result) answer('_method_response', { _arguments: result.ok })
      else answer('_exception', { _values: { error_code: result.error[0], error_text: result.error[1] } })
    }
  })
  const listener = container.listen({ port: 0, host: '127.0.0.1' }) as unknown as Server
  await new Promise<void>((resolve) => listener.once('listening', () => resolve()))
  const port = (listener.address() as { port: number }).port
  return {
    port,
    address: `127.0.0.1:${port}`,
    close: async () => {
      for (const s of replySenders.values()) s.connection.close()
      await new Promise<void>((resolve) => listener.close(() => resolve()))
    },
  }
}
