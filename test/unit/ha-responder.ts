// A tiny in-process QMF v2 agent on 127.0.0.1 for qpid-ha unit tests: answers class queries for
// `habroker` and HA method calls, and records the open properties of every connection.
import { createServer, type Server, type Socket } from 'node:net'
import rhea, { type Container, type EventContext, type Sender } from 'rhea'

export interface HaState {
  status: string
  brokersUrl: string
  publicUrl: string
  replicateDefault: string
  systemId: string
}

export interface Responder {
  port: number
  address: string
  state: HaState | undefined
  /** Open properties of each accepted connection. */
  opens: Array<Record<string, unknown>>
  calls: Array<{ method: string; args: Record<string, unknown> }>
  /** Makes a method fail with an agent exception (code 7) carrying this text. */
  failWith?: string
  close(): Promise<void>
}

function uuidBytes(id: string): Buffer {
  return Buffer.from(id.replaceAll('-', ''), 'hex')
}

/** `state` undefined = a broker without the HA module (no habroker object). */
export async function startResponder(state: HaState | undefined): Promise<Responder> {
  const container: Container = rhea.create_container({ id: 'ha-responder' })
  const replySenders = new Map<string, Sender>()
  let n = 0
  const r: Responder = {
    port: 0,
    address: '',
    state,
    opens: [],
    calls: [],
    close: async () => {
      for (const s of replySenders.values()) s.connection.close()
      await new Promise<void>((resolve) => listener.close(() => resolve()))
    },
  }
  // peers that vanish (killed tools) are expected here
  container.on('disconnected', () => {})
  container.on('connection_open', (ctx: EventContext) => {
    r.opens.push((ctx.connection.remote.open?.properties ?? {}) as Record<string, unknown>)
  })
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
    const body = msg.body as Record<string, any>
    const cid = msg.correlation_id
    if (props['qmf.opcode'] === '_query_request') {
      const wantsHa = body._schema_id?._class_name === 'habroker' && r.state
      const rows = wantsHa
        ? [
            {
              _object_id: { _object_name: 'org.apache.qpid.ha:habroker:ha-broker' },
              _schema_id: { _package_name: 'org.apache.qpid.ha', _class_name: 'habroker' },
              _values: { ...r.state, name: 'ha-broker', systemId: rhea.types.wrap_uuid(uuidBytes(r.state!.systemId)) },
            },
          ]
        : []
      reply.send({
        correlation_id: cid,
        application_properties: { 'qmf.opcode': '_query_response', method: 'response' },
        body: rows,
      })
    } else if (props['qmf.opcode'] === '_method_request') {
      r.calls.push({ method: body._method_name, args: body._arguments ?? {} })
      const fail = r.failWith
      reply.send({
        correlation_id: cid,
        application_properties: { 'qmf.opcode': fail ? '_exception' : '_method_response', method: 'response' },
        body: fail ? { _values: { error_code: 7, error_text: fail } } : { _arguments: {} },
      })
    }
  })
  const listener = container.listen({ port: 0, host: '127.0.0.1' }) as unknown as Server
  await new Promise<void>((resolve) => listener.once('listening', () => resolve()))
  const addr = listener.address()
  r.port = typeof addr === 'object' && addr ? addr.port : 0
  r.address = `127.0.0.1:${r.port}`
  return r
}

/** A TCP listener that accepts and then never answers: a hung (SIGSTOPped) broker. */
export async function startHungPeer(): Promise<{ address: string; close(): Promise<void> }> {
  const sockets: Socket[] = []
  const server = createServer((s) => sockets.push(s))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const addr = server.address()
  const port = typeof addr === 'object' && addr ? addr.port : 0
  return {
    address: `127.0.0.1:${port}`,
    close: async () => {
      for (const s of sockets) s.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
