// A tiny in-process QMF v2 agent on 127.0.0.1 for qpid-route tests: answers class queries from
// canned objects (which a test may change between queries) and method calls through a handler,
// so that broker answers qpidd-ref never gives (failing closes, failed links) can be exercised.
import type { Server } from 'node:net'
import rhea, { type EventContext, type Sender } from 'rhea'

export type Values = Record<string, unknown>

export interface CannedObject {
  objectName: string
  className: string
  values: Values
}

export type MethodAnswer = { ok: Values } | { error: [number, string] }

export interface RouteResponder {
  port: number
  address: string
  objects: CannedObject[]
  /** Runs before each class query is answered (e.g. to move a link to its next state). */
  onQuery?: (className: string) => void
  onMethod: (objectName: string, method: string, args: Values) => MethodAnswer
  calls: Array<{ objectName: string; method: string }>
  close(): Promise<void>
}

const PKG = 'org.apache.qpid.broker'

export const brokerObject: CannedObject = {
  objectName: `${PKG}:broker:amqp-broker`,
  className: 'broker',
  values: { name: 'amqp-broker' },
}

export function linkObject(name: string, host: string, port: number, values: Values = {}): CannedObject {
  return {
    objectName: `${PKG}:link:${name}`,
    className: 'link',
    values: { name, host, port, transport: 'tcp', durable: false, state: 'Operational', lastError: '', ...values },
  }
}

export function bridgeObject(link: CannedObject, name: string, values: Values): CannedObject {
  return {
    objectName: `${PKG}:bridge:${link.objectName},${name}`,
    className: 'bridge',
    values: {
      linkRef: { _object_name: link.objectName },
      name,
      key: '',
      src: '',
      dest: '',
      srcIsQueue: false,
      srcIsLocal: false,
      dynamic: false,
      ...values,
    },
  }
}

export async function startRouteResponder(objects: CannedObject[]): Promise<RouteResponder> {
  const container = rhea.create_container({ id: 'route-responder' })
  container.sasl_server_mechanisms.enable_anonymous()
  const replySenders = new Map<string, Sender>()
  let n = 0
  const r: RouteResponder = {
    port: 0,
    address: '',
    objects,
    onMethod: () => ({ ok: {} }),
    calls: [],
    close: async () => {
      for (const s of replySenders.values()) s.connection.close()
      await new Promise<void>((resolve) => listener.close(() => resolve()))
    },
  }
  container.on('disconnected', () => {})
  container.on('sender_open', (ctx: EventContext) => {
    const address = `reply-${++n}`
    ctx.sender!.set_source({ address })
    replySenders.set(address, ctx.sender!)
  })
  container.on('message', (ctx: EventContext) => {
    const msg = ctx.message!
    const props = (msg.application_properties ?? {}) as Record<string, unknown>
    const reply = replySenders.get(String(msg.reply_to))
    if (!reply) return
    const body = msg.body as Values
    const answer = (opcode: string, replyBody: unknown) =>
      reply.send({
        correlation_id: msg.correlation_id,
        application_properties: { 'qmf.opcode': opcode, method: 'response', 'qmf.agent': 'broker' },
        body: replyBody,
      })
    if (props['qmf.opcode'] === '_query_request') {
      const className = String((body._schema_id as Values | undefined)?._class_name ?? '')
      r.onQuery?.(className)
      const rows = r.objects
        .filter((o) => o.className === className)
        .map((o) => ({
          _object_id: { _object_name: o.objectName },
          _schema_id: { _class_name: o.className },
          _values: o.values,
        }))
      answer('_query_response', rows)
    } else if (props['qmf.opcode'] === '_method_request') {
      const objectName = String((body._object_id as Values)._object_name)
      const method = String(body._method_name)
      r.calls.push({ objectName, method })
      const result = r.onMethod(objectName, method, (body._arguments ?? {}) as Values)
      if ('ok' in result) answer('_method_response', { _arguments: result.ok })
      else answer('_exception', { _values: { error_code: result.error[0], error_text: result.error[1] } })
    }
  })
  const listener = container.listen({ port: 0, host: '127.0.0.1' }) as unknown as Server
  await new Promise<void>((resolve) => listener.once('listening', () => resolve()))
  r.port = (listener.address() as { port: number }).port
  r.address = `127.0.0.1:${r.port}`
  return r
}
