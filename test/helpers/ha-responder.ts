// A tiny in-process QMF v2 agent on 127.0.0.1 for qpid-ha unit tests: answers class queries for
// `habroker` and HA method calls, and records the open properties of every connection.
import { createServer, type Socket } from 'node:net'
import rhea from 'rhea'
import { startQmfResponder } from './qmf-responder.js'

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
  /** Values of the `queue` objects it reports (name, msgDepth, arguments, ...). */
  queues: Array<Record<string, unknown>>
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
  // The handlers read `r` (a test may change state or failWith); they run only once it exists.
  const listener = await startQmfResponder({
    id: 'ha-responder',
    onOpen: (properties) => r.opens.push(properties),
    query: (body) =>
      body._schema_id?._class_name === 'queue'
        ? r.queues.map((values) => ({
            _object_id: { _object_name: `org.apache.qpid.broker:queue:${values.name}` },
            _schema_id: { _package_name: 'org.apache.qpid.broker', _class_name: 'queue' },
            _values: values,
          }))
        : body._schema_id?._class_name === 'habroker' && r.state
          ? [
              {
                _object_id: { _object_name: 'org.apache.qpid.ha:habroker:ha-broker' },
                _schema_id: { _package_name: 'org.apache.qpid.ha', _class_name: 'habroker' },
                _values: { ...r.state, name: 'ha-broker', systemId: rhea.types.wrap_uuid(uuidBytes(r.state.systemId)) },
              },
            ]
          : [],
    method: (body) => {
      r.calls.push({ method: body._method_name, args: body._arguments ?? {} })
      return r.failWith ? { error: [7, r.failWith] } : { ok: {} }
    },
  })
  const r: Responder = { ...listener, state, queues: [], opens: [], calls: [] }
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
