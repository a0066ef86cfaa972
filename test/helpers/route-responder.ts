// A tiny in-process QMF v2 agent on 127.0.0.1 for qpid-route tests: answers class queries from
// canned objects (which a test may change between queries) and method calls through a handler,
// so that broker answers qpidd-ref never gives (failing closes, failed links) can be exercised.
import { type MethodAnswer, startQmfResponder, type Values } from './qmf-responder.js'

export interface CannedObject {
  objectName: string
  className: string
  values: Values
}

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
  // The handlers read `r` (a test may change objects, onQuery, onMethod); they run only once it exists.
  const listener = await startQmfResponder({
    id: 'route-responder',
    anonymous: true,
    replyProperties: { 'qmf.agent': 'broker' },
    query: (body) => {
      const className = String((body._schema_id as Values | undefined)?._class_name ?? '')
      r.onQuery?.(className)
      return r.objects
        .filter((o) => o.className === className)
        .map((o) => ({
          _object_id: { _object_name: o.objectName },
          _schema_id: { _class_name: o.className },
          _values: o.values,
        }))
    },
    method: (body) => {
      const objectName = String((body._object_id as Values)._object_name)
      const method = String(body._method_name)
      r.calls.push({ objectName, method })
      return r.onMethod(objectName, method, (body._arguments ?? {}) as Values)
    },
  })
  const r: RouteResponder = { ...listener, objects, onMethod: () => ({ ok: {} }), calls: [] }
  return r
}
