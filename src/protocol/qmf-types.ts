// The plain data of QMF as the tools and the client see it, with no AMQP or client code behind it:
// values as decoded from the wire, UUIDs, and objects (qmf.md §2.1). Renderers take these.

/** An AMQP uuid; prints hyphenated, as the tools show it. */
export class Uuid {
  constructor(readonly bytes: Buffer) {}
  toString(): string {
    const h = this.bytes.toString('hex')
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
  }
  toJSON(): string {
    return this.toString()
  }
}

export type QmfValue = string | number | boolean | null | Uuid | QmfValue[] | QmfMap
export interface QmfMap {
  [key: string]: QmfValue
}

export interface QmfObject {
  /** `_object_id._object_name`, e.g. `org.apache.qpid.broker:queue:q1`. */
  objectName: string
  className: string
  packageName: string
  /** Properties and statistics. */
  values: QmfMap
  /** Nanoseconds since the epoch. */
  createTs: number
  updateTs: number
  deleteTs: number
}

function str(v: QmfValue | undefined): string {
  return v === undefined || v === null ? '' : String(v)
}

export function toQmfObject(raw: QmfMap): QmfObject {
  const oid = (raw._object_id ?? {}) as QmfMap
  const schema = (raw._schema_id ?? {}) as QmfMap
  return {
    objectName: str(oid._object_name),
    className: str(schema._class_name),
    packageName: str(schema._package_name),
    values: (raw._values ?? {}) as QmfMap,
    createTs: Number(raw._create_ts ?? 0),
    updateTs: Number(raw._update_ts ?? 0),
    deleteTs: Number(raw._delete_ts ?? 0),
  }
}

/** True for a reference value (a map holding `_object_name`). */
export function isRef(v: QmfValue | undefined): v is QmfMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && '_object_name' in v
}

/**
 * How the tools display a reference: the text after the second `:` of the object name
 * (`org.apache.qpid.broker:exchange:amq.direct` → `amq.direct`). Empty for a missing reference.
 */
export function refName(v: QmfValue | undefined): string {
  if (!isRef(v)) return ''
  const name = str(v._object_name)
  const first = name.indexOf(':')
  const second = first === -1 ? -1 : name.indexOf(':', first + 1)
  return second === -1 ? name : name.slice(second + 1)
}

/**
 * What a tool asks of a broker's QMF agent, in plain data. The console (src/qmf) implements it;
 * commands, services and views depend on this, so unit tests can answer with a fake.
 */
export interface QmfConsole {
  /** All objects of a class (`queue`, `exchange`, ...). */
  query(className: string, packageName?: string): Promise<QmfObject[]>
  /** One object by its full object name, or undefined. */
  getObject(objectName: string): Promise<QmfObject | undefined>
  /** The first object of a singleton class (broker, memory, acl, habroker). */
  getSingleton(className: string): Promise<QmfObject | undefined>
  /** Invokes a method; resolves with its output arguments, rejects with the agent's exception. */
  callMethod(objectName: string, method: string, args?: QmfMap): Promise<QmfMap>
}
