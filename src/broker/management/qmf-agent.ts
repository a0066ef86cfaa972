// The QMF v2 agent, answering as qpidd does (qmf.md §1-2, golden/qmf-amqp10-wire.md). Requests come
// through exchange qmf.default.direct with subject `broker` (or the agent's full name) and must carry
// `x-amqp-0-10.app-id=qmf2`, otherwise they are silently dropped. Replies go to the reply-to address
// (`queue`, `exchange`, or `exchange/key`) as broker-originated messages.

import { createHash } from 'node:crypto'
import { list, map, ns, str, type Typed, u32, u64, uuid } from '../../protocol/qmf-encode.js'
import type { Broker } from '../broker.js'
import { BrokerError } from '../errors.js'
import { decodeFull, encodeMessage, scanMessage } from '../message/codec.js'
import type { Exchange } from '../nodes/exchange.js'
import type { InboundMessage } from '../nodes/message.js'
import { type ManagedClass, type ManagedObject, type ManagementRegistry, QmfError } from './registry.js'

const MAX_REQUEST = 65536
const CHUNK = 100

export class QmfAgent {
  readonly agentName: string

  constructor(
    private readonly broker: Broker,
    readonly registry: ManagementRegistry,
    private readonly epoch: number,
  ) {
    this.agentName = `apache.org:qpidd:${broker.systemId}`
  }

  /** Broker hook: returns true when the message was addressed to the agent (consumed, not routed). */
  handle(exchange: Exchange, key: string, msg: InboundMessage): boolean {
    if (exchange.name === 'qmf.default.direct' && (key === 'broker' || key === this.agentName)) {
      try {
        this.request(msg, key === 'broker' ? 'broker' : this.agentName)
      } catch (e) {
        this.broker.log.warning('Management', `Dropped malformed QMF request: ${(e as Error).message}`)
      }
      return true
    }
    if (exchange.name === 'qmf.default.topic' && key === 'console.request.agent_locate') {
      try {
        if (this.isQmf2(msg) && this.opcode(msg) === '_agent_locate_request') this.locate(msg)
      } catch (e) {
        this.broker.log.warning('Management', `Dropped malformed QMF request: ${(e as Error).message}`)
      }
    }
    return false
  }

  private isQmf2(msg: InboundMessage): boolean {
    return String(msg.applicationProperties?.['x-amqp-0-10.app-id'] ?? '') === 'qmf2'
  }

  private opcode(msg: InboundMessage): string {
    return String(msg.applicationProperties?.['qmf.opcode'] ?? '')
  }

  private request(msg: InboundMessage, agent: string): void {
    if (!this.isQmf2(msg)) return
    if (msg.bytes.length - msg.bodyOffset > MAX_REQUEST) return
    const body = decodeFull(msg.bytes).body
    const op = this.opcode(msg)
    if (op === '_agent_locate_request') {
      this.locate(msg)
      return
    }
    if (!body || typeof body !== 'object' || Array.isArray(body) || Buffer.isBuffer(body)) {
      this.broker.log.warning('Management', 'Dropped QMF request whose body is not a map')
      return
    }
    const req = body as Record<string, unknown>
    if (op === '_query_request') this.query(msg, agent, req)
    else if (op === '_method_request') this.method(msg, agent, req)
    else this.broker.log.debug('Management', `Support for QMF Opcode [${op}] TBD!!!`)
  }

  // ---- query ------------------------------------------------------------------------------------

  private query(msg: InboundMessage, agent: string, req: Record<string, unknown>): undefined {
    const what = req._what
    if (what === undefined) return this.exception(msg, agent, 1, '_what element missing in Query')
    if (typeof what !== 'string' && !Buffer.isBuffer(what))
      return this.exception(msg, agent, 1, '_what element is not a string')
    if (String(what) !== 'OBJECT')
      return this.exception(msg, this.agentName, 1, `Query for _what => '${String(what)}' not supported`)
    const oid = req._object_id as Record<string, unknown> | undefined
    if (oid && typeof oid === 'object' && oid._object_name !== undefined) {
      const found = this.registry.find(String(oid._object_name))
      const objects = found ? [this.objectMap(found.cls, found.obj, false)] : []
      found?.obj.reported?.()
      this.reply(msg, agent, '_query_response', list(objects), 'amqp/list', { 'qmf.content': '_data' })
      return
    }
    const schema = req._schema_id as Record<string, unknown> | undefined
    const className = schema && typeof schema === 'object' ? schema._class_name : undefined
    const pkg = schema && typeof schema === 'object' ? schema._package_name : undefined
    // qpidd keeps objects in a map ordered by object name; the tools print them in that order
    const found: [ManagedClass, ManagedObject][] = []
    if (className !== undefined) {
      for (const cls of this.registry.byName(String(className), pkg === undefined ? undefined : String(pkg))) {
        cls.beforeQuery?.()
        for (const obj of cls.objects()) found.push([cls, obj])
      }
    }
    found.sort((a, b) => (a[1].objectName < b[1].objectName ? -1 : a[1].objectName > b[1].objectName ? 1 : 0))
    const out: Typed[] = []
    for (const [cls, obj] of found) {
      out.push(this.objectMap(cls, obj, true))
      obj.reported?.()
    }
    if (out.length === 0) {
      this.reply(msg, agent, '_query_response', list([]), 'amqp/list', { 'qmf.content': '_data' })
      return
    }
    for (let i = 0; i < out.length; i += CHUNK) {
      const last = i + CHUNK >= out.length
      const props: Record<string, string> = { 'qmf.content': '_data' }
      if (!last) props.partial = ''
      this.reply(msg, agent, '_query_response', list(out.slice(i, i + CHUNK)), 'amqp/list', props)
    }
  }

  private objectMap(cls: ManagedClass, obj: ManagedObject, withEpoch: boolean): Typed {
    const oid: Record<string, Typed> = { _object_name: str(obj.objectName) }
    if (withEpoch && !obj.persistent) oid._agent_epoch = u64(this.epoch)
    return map({
      _values: map(obj.values()),
      _object_id: map(oid),
      _schema_id: map({
        _package_name: str(cls.packageName),
        _class_name: str(cls.className),
        _type: str('_data'),
        _hash: uuid(schemaHash(cls)),
      }),
      _update_ts: ns(obj.updatedAt()),
      _create_ts: ns(obj.createdAt),
      _delete_ts: u64(0),
    })
  }

  // ---- methods ----------------------------------------------------------------------------------

  private method(msg: InboundMessage, agent: string, req: Record<string, unknown>): undefined {
    const oid = req._object_id as Record<string, unknown> | undefined
    const name = req._method_name
    if (!oid || typeof oid !== 'object' || oid._object_name === undefined || name === undefined)
      return this.exception(msg, agent, 4, 'InvalidParameter')
    const args = req._arguments ?? {}
    if (typeof args !== 'object' || Array.isArray(args) || Buffer.isBuffer(args))
      return this.exception(msg, agent, 7, 'invalid conversion: _arguments is not a map')
    const objectName = String(oid._object_name)
    const found = this.registry.find(objectName)
    if (!found) return this.exception(msg, agent, 1, `No object found with ID=0-0-0--0(${objectName})`)
    const handler = found.cls.methods?.[String(name)]
    if (!handler) return this.exception(msg, agent, 2, 'UnknownMethod')
    const failed = (e: unknown) => {
      if (e instanceof QmfError) return this.exception(msg, agent, e.code, e.message)
      if (e instanceof BrokerError) return this.exception(msg, agent, 7, e.message)
      return this.exception(msg, agent, 7, (e as Error).message)
    }
    const done = (out: Record<string, Typed> | undefined) =>
      this.reply(msg, agent, '_method_response', map({ _arguments: map(out ?? {}) }), 'amqp/map', {})
    let out: ReturnType<typeof handler>
    try {
      out = handler(found.obj, args as Record<string, unknown>, { user: '' })
    } catch (e) {
      return failed(e)
    }
    // methods that wait on the network (HA promote's status checks) answer later
    if (out instanceof Promise) out.then(done, failed)
    else done(out)
  }

  private exception(msg: InboundMessage, agent: string, code: number, text: string): undefined {
    const body = map({ _values: map({ error_code: u32(code), error_text: str(text) }) })
    this.reply(msg, agent, '_exception', body, 'amqp/map', {}, 'indication')
  }

  private locate(msg: InboundMessage): void {
    const body = map({
      _values: map({
        _vendor: str('apache.org'),
        _product: str('qpidd'),
        _instance: uuid(this.broker.systemId),
        _name: str(this.agentName),
        _timestamp: ns(Date.now()),
        _heartbeat_interval: u32(10),
        _epoch: u64(this.epoch),
      }),
    })
    this.reply(msg, this.agentName, '_agent_locate_response', body, 'amqp/map', {}, 'indication')
  }

  // ---- replies ----------------------------------------------------------------------------------

  private reply(
    req: InboundMessage,
    agent: string,
    opcode: string,
    body: Typed,
    contentType: string,
    extra: Record<string, string>,
    method = opcode === '_exception' ? 'indication' : 'response',
  ): void {
    const replyTo = req.replyTo
    if (!replyTo) return
    const target = this.resolveReplyTo(replyTo)
    if (!target) return
    const m: Record<string, unknown> = {
      content_type: contentType,
      application_properties: { 'qmf.opcode': opcode, method, 'qmf.agent': agent, ...extra },
      body,
    }
    if (req.correlationId !== undefined) m.correlation_id = correlationText(req.correlationId)
    const bytes = encodeMessage(m)
    const info = scanMessage(bytes)
    try {
      this.broker.publish(info, target[0], target[1])
    } catch (e) {
      this.broker.log.warning('Management', `QMF reply to ${replyTo} not delivered: ${(e as Error).message}`)
    }
  }

  private resolveReplyTo(addr: string): [import('../nodes/queue.js').Queue | Exchange, string] | undefined {
    const slash = addr.indexOf('/')
    if (slash < 0) {
      // like qpidd, a queue name means "default exchange, key = name" (so its statistics count replies)
      if (this.broker.queues.has(addr)) return [this.broker.defaultExchange, addr]
      const e = this.broker.exchanges.get(addr)
      return e ? [e, ''] : undefined
    }
    const exName = addr.slice(0, slash)
    const key = addr.slice(slash + 1)
    const e = this.broker.exchanges.get(exName)
    return e ? [e, key] : undefined
  }
}

function correlationText(v: unknown): string {
  if (Buffer.isBuffer(v)) return v.length === 16 ? formatUuid(v) : v.toString('utf8')
  return String(v)
}

function formatUuid(b: Buffer): string {
  const h = b.toString('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

const hashes = new Map<string, string>()
/** A stable stand-in for qpidd's schema md5 (the tools never compare it). */
function schemaHash(cls: ManagedClass): string {
  const k = `${cls.packageName}:${cls.className}`
  let h = hashes.get(k)
  if (!h) {
    h = formatUuid(createHash('md5').update(k).digest())
    hashes.set(k, h)
  }
  return h
}
