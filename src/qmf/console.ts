// The QMF v2 console used by every tool: the TypeScript counterpart of qpidtoollibs' BrokerAgent.
// Requests are shaped by protocol/qmf-request.ts; replies come back on a dynamic queue.
import type { Connection, EventContext, Receiver, Sender, Source } from 'rhea'
import { type ConnectOptions, openConnection } from '../protocol/connection.js'
import { agentException, PythonError } from '../protocol/errors.js'
import { installTypedBodyDecoding } from '../protocol/qmf-decode.js'
import { methodRequestBody, QMF_REQUEST_ADDRESS, type QmfOpcode, qmfRequest } from '../protocol/qmf-request.js'
import { type QmfConsole, type QmfMap, type QmfObject, type QmfValue, toQmfObject } from '../protocol/qmf-types.js'

export interface AgentOptions extends ConnectOptions {
  /** How long to wait for each reply message. The Python tools use 10 s. */
  replyTimeoutMs?: number
}

interface Pending {
  onMessage(props: Record<string, unknown>, body: QmfValue): void
  fail(err: PythonError): void
  timer: NodeJS.Timeout
  arm(): void
}

export class BrokerAgent implements QmfConsole {
  private nextId = 1
  private readonly pending = new Map<string, Pending>()
  private closed: PythonError | undefined

  private constructor(
    readonly connection: Connection,
    private readonly sender: Sender,
    private readonly replyTo: string,
    private readonly replyTimeoutMs: number,
  ) {}

  /** Connects, opens the request sender and the dynamic reply receiver. */
  static async connect(opts: AgentOptions): Promise<BrokerAgent> {
    installTypedBodyDecoding()
    // The links are requested together with the connection (rhea writes begin and attach right
    // behind open): one round trip less than attaching after the broker's open. The connection's
    // own failure is awaited first, so it is the one reported.
    let links!: Promise<[Sender, Receiver]>
    const conn = await openConnection(opts, (c) => {
      links = Promise.all([
        openLink<Sender>(c, 'sender_open', () => c.open_sender({ target: { address: QMF_REQUEST_ADDRESS } }), opts),
        openLink<Receiver>(
          c,
          'receiver_open',
          // qpidd names the reply queue `<container-id>_<link-name>`: a bare UUID container id and the
          // link name `0.0` give 40 characters, the width of the 0-10 reply queue in the goldens'
          // unfiltered listings (e.g. golden 31), so column layouts come out the same.
          () => c.open_receiver({ name: '0.0', source: { dynamic: true } as unknown as Source }),
          opts,
        ),
      ])
      links.catch(() => {}) // rejected together with the connection: reported through it
    })
    try {
      const [sender, receiver] = await links
      const agent = new BrokerAgent(conn, sender, receiver.source.address, opts.replyTimeoutMs ?? 10000)
      receiver.on('message', (ctx) => agent.onReply(ctx))
      conn.on('disconnected', () => agent.abort(new PythonError('ConnectionError', 'connection aborted')))
      conn.on('connection_close', () => agent.abort(new PythonError('ConnectionError', 'connection aborted')))
      return agent
    } catch (err) {
      conn.close()
      throw err
    }
  }

  /** All objects of a class (`queue`, `exchange`, ...), collecting `partial` continuations. */
  async query(className: string, packageName?: string): Promise<QmfObject[]> {
    const schemaId: QmfMap = { _class_name: className }
    if (packageName) schemaId._package_name = packageName
    const rows = await this.queryRaw({ _what: 'OBJECT', _schema_id: schemaId })
    return rows.map(toQmfObject)
  }

  /** One object by its full object name, or undefined. */
  async getObject(objectName: string): Promise<QmfObject | undefined> {
    const rows = await this.queryRaw({ _what: 'OBJECT', _object_id: { _object_name: objectName } })
    return rows.length === 1 ? toQmfObject(rows[0]) : undefined
  }

  /** The first object of a singleton class (broker, memory, acl, habroker), as BrokerAgent does. */
  async getSingleton(className: string): Promise<QmfObject | undefined> {
    return (await this.query(className))[0]
  }

  /** Invokes a method; resolves with its output arguments, rejects with the agent's exception. */
  async callMethod(objectName: string, method: string, args: QmfMap = {}): Promise<QmfMap> {
    const body = methodRequestBody(objectName, method, args)
    return new Promise((resolve, reject) => {
      this.send('_method_request', body, reject, (props, reply) => {
        const opcode = props['qmf.opcode']
        if (opcode === '_method_response') return resolve((((reply as QmfMap)?._arguments ?? {}) as QmfMap) || {})
        if (opcode === '_exception') return reject(exceptionOf(reply))
        reject(new PythonError('Exception', `bad response: ${JSON.stringify(props)}`))
      })
    })
  }

  close(): void {
    this.abort(new PythonError('ConnectionError', 'connection closed'))
    this.connection.close()
  }

  private queryRaw(body: QmfMap): Promise<QmfMap[]> {
    const rows: QmfMap[] = []
    return new Promise((resolve, reject) => {
      this.send('_query_request', body, reject, (props, reply, more) => {
        const opcode = props['qmf.opcode']
        if (opcode === '_exception') return reject(exceptionOf(reply))
        if (opcode !== '_query_response') return reject(new PythonError('Exception', 'bad response'))
        if (Array.isArray(reply)) rows.push(...(reply as QmfMap[]))
        // `partial` is present (with an empty value) on every message but the last.
        if ('partial' in props) return more()
        resolve(rows)
      })
    })
  }

  private send(
    opcode: QmfOpcode,
    body: object,
    reject: (err: PythonError) => void,
    onReply: (props: Record<string, unknown>, body: QmfValue, more: () => void) => void,
  ): void {
    if (this.closed) {
      reject(this.closed)
      return
    }
    const id = String(this.nextId++)
    const pending: Pending = {
      timer: undefined as unknown as NodeJS.Timeout,
      arm: () => {
        clearTimeout(pending.timer)
        pending.timer = setTimeout(
          () =>
            pending.fail(new PythonError('Timeout', `no response from broker within ${this.replyTimeoutMs / 1000} s`)),
          this.replyTimeoutMs,
        )
      },
      fail: (err) => {
        clearTimeout(pending.timer)
        this.pending.delete(id)
        reject(err)
      },
      onMessage: (props, reply) => {
        let wantsMore = false
        onReply(props, reply, () => {
          wantsMore = true
        })
        if (wantsMore) pending.arm()
        else {
          clearTimeout(pending.timer)
          this.pending.delete(id)
        }
      },
    }
    this.pending.set(id, pending)
    pending.arm()
    this.sender.send(qmfRequest(opcode, body, this.replyTo, id))
  }

  private onReply(ctx: EventContext): void {
    const msg = ctx.message!
    const pending = this.pending.get(String(msg.correlation_id ?? ''))
    if (!pending) return // late or foreign reply: dropped on purpose
    pending.onMessage((msg.application_properties ?? {}) as Record<string, unknown>, msg.body as QmfValue)
  }

  private abort(err: PythonError): void {
    if (this.closed) return
    this.closed = err
    for (const p of [...this.pending.values()]) p.fail(err)
  }
}

function exceptionOf(body: QmfValue): PythonError {
  const values = ((body as QmfMap)?._values ?? {}) as QmfMap
  return agentException(Number(values.error_code ?? 0), String(values.error_text ?? ''))
}

/** Opens a link and waits for the broker's attach (or refusal), within the connect deadline. */
function openLink<T extends Sender | Receiver>(
  conn: Connection,
  event: 'sender_open' | 'receiver_open',
  open: () => T,
  opts: AgentOptions,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const link = open()
    const timer = setTimeout(() => reject(new PythonError('ConnectError', 'timed out')), opts.timeoutMs)
    const done = () => {
      clearTimeout(timer)
      resolve(link)
    }
    link.once(event, done)
    const refused = (ctx: EventContext) => {
      clearTimeout(timer)
      const e = (ctx.sender ?? ctx.receiver)?.error as { description?: string } | undefined
      reject(new PythonError('ConnectionError', e?.description ?? 'link refused'))
    }
    link.once('sender_error', refused)
    link.once('receiver_error', refused)
    conn.once('disconnected', () => {
      clearTimeout(timer)
      reject(new PythonError('ConnectionError', 'connection aborted'))
    })
  })
}
