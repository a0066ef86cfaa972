// Small rhea client helpers for the broker's end-to-end tests: QMF requests, send and receive over a plain rhea connection.
import rhea, { type Connection, type Delivery, type Message, type Receiver, type Sender } from 'rhea'

export interface QmfReply {
  properties: Record<string, unknown>
  contentType?: string
  correlationId?: unknown
  body: unknown
}

export function connect(port: number, opts: Record<string, unknown> = {}): Promise<Connection> {
  return new Promise((resolve, reject) => {
    const c = rhea.create_container({ id: `test-${rhea.generate_uuid()}` })
    const conn = c.connect({ host: '127.0.0.1', port, reconnect: false, ...opts } as never)
    conn.once('connection_open', () => resolve(conn))
    conn.once('connection_error', (ctx) => reject(ctx.connection.error ?? new Error('connection error')))
    conn.once('disconnected', (ctx) => reject(ctx.error ?? new Error('disconnected')))
  })
}

export function close(conn: Connection): Promise<void> {
  return new Promise((resolve) => {
    if (!conn.is_open()) return resolve()
    conn.once('connection_close', () => resolve())
    conn.once('disconnected', () => resolve())
    conn.close()
  })
}

/** Opens a dynamic reply queue and a sender to qmf.default.direct. */
export async function qmfSession(conn: Connection) {
  const replies: QmfReply[] = []
  let waiter: (() => void) | undefined
  const receiver: Receiver = conn.open_receiver({ source: { dynamic: true }, credit_window: 1000 } as never)
  const address = await new Promise<string>((resolve) =>
    receiver.once('receiver_open', (ctx) => resolve(ctx.receiver.source.address as string)),
  )
  receiver.on('message', (ctx) => {
    const m = ctx.message as Message
    replies.push({
      properties: (m.application_properties ?? {}) as Record<string, unknown>,
      contentType: m.content_type as string | undefined,
      correlationId: m.correlation_id,
      body: m.body,
    })
    waiter?.()
  })
  const sender: Sender = conn.open_sender('qmf.default.direct')
  await new Promise((r) => sender.once('sendable', r))
  let cid = 0
  /** Sends one request and collects replies until one without `partial` arrives. */
  async function request(opcode: string, body: unknown, extra: Record<string, unknown> = {}, timeoutMs = 5000) {
    const id = String(++cid)
    replies.length = 0
    sender.send({
      subject: 'broker',
      reply_to: address,
      correlation_id: id,
      application_properties: { 'x-amqp-0-10.app-id': 'qmf2', 'qmf.opcode': opcode, method: 'request', ...extra },
      body,
    } as never)
    const deadline = Date.now() + timeoutMs
    while (!replies.some((r) => !('partial' in r.properties))) {
      const left = deadline - Date.now()
      if (left <= 0) throw new Error(`no QMF reply to ${opcode}`)
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left)
        waiter = () => {
          clearTimeout(t)
          resolve()
        }
      })
    }
    return [...replies]
  }
  /** Sends a raw message and reports whether any reply arrived within `ms`. */
  async function silent(message: Record<string, unknown>, ms = 300): Promise<boolean> {
    replies.length = 0
    sender.send({ reply_to: address, ...message } as never)
    await new Promise((r) => setTimeout(r, ms))
    return replies.length === 0
  }
  return { request, silent, address, replies }
}

/** Decodes a QMF value: binary → string, recursively. */
export function plain(v: unknown): unknown {
  if (Buffer.isBuffer(v)) return v.toString('utf8')
  if (Array.isArray(v)) return v.map(plain)
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, x] of Object.entries(v)) out[k] = plain(x)
    return out
  }
  return v
}

export async function method(
  q: Awaited<ReturnType<typeof qmfSession>>,
  name: string,
  args: Record<string, unknown>,
  object = 'org.apache.qpid.broker:broker:amqp-broker',
) {
  const [r] = await q.request('_method_request', {
    _object_id: { _object_name: object },
    _method_name: name,
    _arguments: args,
  })
  return r
}

export async function queryClass(q: Awaited<ReturnType<typeof qmfSession>>, cls: string) {
  const replies = await q.request('_query_request', { _what: 'OBJECT', _schema_id: { _class_name: cls } })
  return replies.flatMap((r) => r.body as Record<string, unknown>[])
}

export function openSender(conn: Connection, address: string | undefined): Promise<Sender> {
  const s = conn.open_sender(address === undefined ? { target: {} } : address)
  return new Promise((resolve, reject) => {
    s.once('sendable', () => resolve(s))
    s.once('sender_error', (ctx) => reject(ctx.sender.error))
  })
}

/** Sends and resolves with the outcome name (accepted/rejected/released/modified) and error. */
export function sendAndWait(s: Sender, msg: Record<string, unknown>): Promise<{ outcome: string; error?: unknown }> {
  return new Promise((resolve) => {
    const d: Delivery = s.send(msg as never)
    const done = (outcome: string) => (ctx: { delivery: Delivery }) => {
      if (ctx.delivery !== d) return
      resolve({ outcome, error: (ctx.delivery.remote_state as { error?: unknown } | undefined)?.error })
    }
    s.on('accepted', done('accepted'))
    s.on('rejected', done('rejected'))
    s.on('released', done('released'))
    s.on('modified', done('modified'))
  })
}

/** Receives `n` messages (credit n), leaving them unsettled unless autoaccept. */
export function receive(
  conn: Connection,
  source: string | Record<string, unknown>,
  n: number,
  opts: { autoaccept?: boolean; timeoutMs?: number } = {},
): Promise<{ receiver: Receiver; messages: { message: Message; delivery: Delivery }[] }> {
  return new Promise((resolve, reject) => {
    const receiver = conn.open_receiver({
      source: typeof source === 'string' ? { address: source } : source,
      credit_window: 0,
      autoaccept: opts.autoaccept ?? true,
    } as never)
    const messages: { message: Message; delivery: Delivery }[] = []
    const t = setTimeout(
      () => reject(new Error(`received ${messages.length} of ${n} messages from ${JSON.stringify(source)}`)),
      opts.timeoutMs ?? 5000,
    )
    receiver.once('receiver_open', () => receiver.add_credit(n))
    receiver.once('receiver_error', (ctx) => {
      clearTimeout(t)
      reject(ctx.receiver.error)
    })
    receiver.on('message', (ctx) => {
      messages.push({ message: ctx.message, delivery: ctx.delivery })
      if (messages.length === n) {
        clearTimeout(t)
        resolve({ receiver, messages })
      }
    })
  })
}

export function linkError(conn: Connection, open: (c: Connection) => Sender | Receiver): Promise<unknown> {
  return new Promise((resolve) => {
    const l = open(conn)
    l.once(
      (l.is_sender() ? 'sender_error' : 'receiver_error') as never,
      (ctx: { sender?: Sender; receiver?: Receiver }) => resolve((ctx.sender ?? ctx.receiver)?.error),
    )
  })
}

/** Polls `check` until it returns true, failing after `timeoutMs`. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 5000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

/** `_values` of one queue, strings decoded. */
export async function queueValues(
  q: Awaited<ReturnType<typeof qmfSession>>,
  name: string,
): Promise<Record<string, unknown> | undefined> {
  const [r] = await q.request('_query_request', {
    _what: 'OBJECT',
    _object_id: { _object_name: `org.apache.qpid.broker:queue:${name}` },
  })
  const list = r.body as { _values: Record<string, unknown> }[]
  return list.length ? (plain(list[0]._values) as Record<string, unknown>) : undefined
}
