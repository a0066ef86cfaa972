// Append-only journal store (toolchain.md §1.6). Records are appended in batches; one fdatasync per
// batch (group commit), and `sync` callbacks (persistent message settlement) run only after the
// batch holding everything written before them is on disk. On start the journal is replayed, a torn
// tail is truncated, and the file is rewritten compactly with only live records.

import {
  closeSync,
  existsSync,
  fdatasync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  write,
  writeSync,
} from 'node:fs'
import { join } from 'node:path'
import type { BindingDeclaration, ExchangeDeclaration, QueueDeclaration } from '../declarations.js'
import type { Logger } from '../log.js'
import { frameDequeue, frameEnqueue, frameId, frameJson, RecordType, readRecords } from './journal-format.js'
import type {
  DurableSnapshot,
  MessageRecord,
  MessageStore,
  RecoveredBinding,
  RecoveredExchange,
  RecoveredQueue,
  RecoveredState,
} from './store.js'

/** Arguments may hold Buffers (AMQP binary) — stored as text, which is how qpidd shows them. */
function plainArgs(args: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify(args, (_k, v) =>
      v && v.type === 'Buffer' && Array.isArray(v.data)
        ? Buffer.from(v.data).toString('utf8')
        : typeof v === 'bigint'
          ? Number(v)
          : v,
    ),
  )
}

export class JournalStore implements MessageStore {
  readonly persistent = true
  private readonly file: string
  private fd = -1
  private nextId = 1
  private pending: Buffer[] = []
  private pendingBytes = 0
  private busy = false
  private scheduled = false
  /** Sequence numbers: records appended vs. records known durable. */
  private appended = 0
  private durable = 0
  private waiters: { seq: number; done: () => void }[] = []
  /** Live durable bindings by exchange, queue and key (a binding is unique by those three). */
  private bindings = new Map<string, RecoveredBinding>()
  private snapshot?: () => DurableSnapshot
  private fileBytes = 0
  private compactAt = Number.POSITIVE_INFINITY

  constructor(
    readonly dir: string,
    private readonly log: Logger,
    /** The journal is never compacted below this size (64 MiB unless a test sets it). */
    private readonly compactMinBytes = 64 * 1024 * 1024,
  ) {
    this.file = join(dir, 'qpidd-ref.journal')
  }

  async recover(): Promise<RecoveredState> {
    mkdirSync(this.dir, { recursive: true })
    const data = existsSync(this.file) ? readFileSync(this.file) : Buffer.alloc(0)
    const { records, validLength } = readRecords(data)
    if (validLength < data.length) {
      this.log.warning('Store', `Journal has a torn tail: truncating ${data.length - validLength} bytes`)
      const fd = openSync(this.file, 'r+')
      ftruncateSync(fd, validLength)
      fsyncSync(fd)
      closeSync(fd)
    }
    const queues = new Map<number, RecoveredQueue & { msgs: Map<number, Buffer> }>()
    const exchanges = new Map<number, RecoveredExchange>()
    const bindings = new Map<number, RecoveredBinding>()
    let maxId = 0
    for (const r of records) {
      const id = r.body.readUInt32BE(0)
      switch (r.type) {
        case RecordType.QueueDeclare: {
          const j = JSON.parse(r.body.subarray(4).toString('utf8'))
          queues.set(id, { id, durable: true, messages: [], msgs: new Map(), ...j })
          break
        }
        case RecordType.QueueDelete:
          queues.delete(id)
          break
        case RecordType.ExchangeDeclare:
          exchanges.set(id, { id, durable: true, ...JSON.parse(r.body.subarray(4).toString('utf8')) })
          break
        case RecordType.ExchangeDelete:
          exchanges.delete(id)
          break
        case RecordType.Bind:
          bindings.set(id, { id, ...JSON.parse(r.body.subarray(4).toString('utf8')) })
          break
        case RecordType.Unbind:
          bindings.delete(id)
          break
        case RecordType.Enqueue: {
          const mid = r.body.readDoubleBE(4)
          queues.get(id)?.msgs.set(mid, Buffer.from(r.body.subarray(12)))
          if (mid > maxId) maxId = mid
          break
        }
        case RecordType.Dequeue:
          queues.get(id)?.msgs.delete(r.body.readDoubleBE(4))
          break
      }
      if (id > maxId && r.type !== RecordType.Dequeue) maxId = id
    }
    this.nextId = maxId + 1
    this.bindings = new Map([...bindings.values()].map((b) => [bindingKey(b), b]))
    const state: RecoveredState = {
      exchanges: [...exchanges.values()],
      queues: [...queues.values()].map(({ msgs, ...q }) => ({
        ...q,
        messages: [...msgs].map(([mid, bytes]) => ({ id: mid, bytes })),
      })),
      bindings: [...bindings.values()],
    }
    this.compact(state)
    return state
  }

  /** Rewrites the journal with only live records: new file, fsync, rename, fsync the directory. */
  private compact(state: RecoveredState): void {
    const tmp = `${this.file}.new`
    const fd = openSync(tmp, 'w')
    let size = 0
    const put = (b: Buffer) => {
      writeSync(fd, b)
      size += b.length
    }
    for (const e of state.exchanges) put(frameJson(RecordType.ExchangeDeclare, e.id, exchangeJson(e)))
    for (const q of state.queues) {
      const { id, messages } = q
      put(frameJson(RecordType.QueueDeclare, id, queueJson(q)))
      for (const m of messages) put(frameEnqueue(id, m.id, m.bytes))
    }
    for (const b of state.bindings) {
      const { id, ...rest } = b
      put(frameJson(RecordType.Bind, id, rest))
    }
    fsyncSync(fd)
    closeSync(fd)
    renameSync(tmp, this.file)
    const dfd = openSync(this.dir, 'r')
    try {
      fsyncSync(dfd)
    } finally {
      closeSync(dfd)
    }
    if (this.fd >= 0) closeSync(this.fd)
    this.fd = openSync(this.file, 'a')
    this.fileBytes = size
    this.compactAt = Math.max(this.compactMinBytes, 2 * size)
  }

  /** The broker's live durable objects, for compaction while running. */
  setSnapshotSource(source: () => DurableSnapshot): void {
    this.snapshot = source
  }

  /**
   * Compaction while running: once the file has grown past twice its live size (and the minimum),
   * it is rewritten from the broker's current state. Everything pending is part of that state, so
   * the rewrite also makes every pending record durable.
   */
  private compactFromSnapshot(): void {
    if (!this.snapshot) return
    this.compact({ ...this.snapshot(), bindings: [...this.bindings.values()] })
    this.pending = []
    this.pendingBytes = 0
    this.durable = this.appended
    const ready = this.waiters
    this.waiters = []
    this.log.info('Store', `Journal compacted to ${this.fileBytes} bytes`)
    for (const w of ready) w.done()
  }

  declareQueue(q: QueueDeclaration): number {
    const id = this.nextId++
    this.append(frameJson(RecordType.QueueDeclare, id, queueJson(q)))
    return id
  }
  deleteQueue(id: number): void {
    this.append(frameId(RecordType.QueueDelete, id))
  }
  declareExchange(e: ExchangeDeclaration): number {
    const id = this.nextId++
    this.append(frameJson(RecordType.ExchangeDeclare, id, exchangeJson(e)))
    return id
  }
  deleteExchange(id: number): void {
    this.append(frameId(RecordType.ExchangeDelete, id))
  }
  bind(b: BindingDeclaration): void {
    const id = this.nextId++
    const record = { exchange: b.exchange, queue: b.queue, key: b.key, arguments: plainArgs(b.arguments) }
    this.bindings.set(bindingKey(b), { id, ...record })
    this.append(frameJson(RecordType.Bind, id, record))
  }
  unbind(b: BindingDeclaration): void {
    const key = bindingKey(b)
    const stored = this.bindings.get(key)
    if (!stored) return
    this.bindings.delete(key)
    this.append(frameId(RecordType.Unbind, stored.id))
  }
  enqueue(m: MessageRecord): number {
    const id = this.nextId++
    this.append(frameEnqueue(m.queueId, id, m.bytes))
    return id
  }
  dequeue(queueId: number, messageId: number): void {
    this.append(frameDequeue(queueId, messageId))
  }

  sync(done: () => void): void {
    if (this.durable >= this.appended) {
      done()
      return
    }
    this.waiters.push({ seq: this.appended, done })
  }

  async close(): Promise<void> {
    while (this.busy || this.pending.length) await new Promise((r) => setTimeout(r, 5))
    if (this.fd >= 0) {
      fsyncSync(this.fd)
      closeSync(this.fd)
      this.fd = -1
    }
  }

  private append(rec: Buffer): void {
    this.pending.push(rec)
    this.pendingBytes += rec.length
    this.appended++
    if (!this.scheduled && !this.busy) {
      this.scheduled = true
      setImmediate(() => this.flush())
    }
  }

  /** Writes everything pending as one batch, then one fdatasync; repeats while records arrive. */
  private flush(): void {
    this.scheduled = false
    if (this.busy || this.pending.length === 0 || this.fd < 0) return
    if (this.snapshot && this.fileBytes + this.pendingBytes > this.compactAt) {
      this.compactFromSnapshot()
      return
    }
    this.busy = true
    this.fileBytes += this.pendingBytes
    const batch = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending, this.pendingBytes)
    const seq = this.appended
    this.pending = []
    this.pendingBytes = 0
    const fd = this.fd
    const writeAll = (off: number) => {
      write(fd, batch, off, batch.length - off, null, (err, n) => {
        if (err) return this.failed(err)
        if (off + n < batch.length) return writeAll(off + n)
        fdatasync(fd, (err2) => {
          if (err2) return this.failed(err2)
          this.durable = seq
          this.busy = false
          const ready = this.waiters.filter((w) => w.seq <= seq)
          this.waiters = this.waiters.filter((w) => w.seq > seq)
          for (const w of ready) w.done()
          if (this.pending.length) this.flush()
        })
      })
    }
    writeAll(0)
  }

  private failed(err: Error): void {
    // without a working journal, persistent messages can no longer be confirmed: stop loudly
    this.log.error('Store', `Journal write failed: ${err.message}`)
    process.exit(2)
  }
}

/** The journal's queue declare body (durable is implied: only durable queues are recorded). */
function queueJson(q: QueueDeclaration): Record<string, unknown> {
  return {
    name: q.name,
    autoDelete: q.autoDelete,
    exclusive: q.exclusive,
    arguments: plainArgs(q.arguments),
    alternateExchange: q.alternateExchange,
  }
}

function exchangeJson(e: ExchangeDeclaration): Record<string, unknown> {
  return {
    name: e.name,
    type: e.type,
    autoDelete: e.autoDelete,
    arguments: plainArgs(e.arguments),
    alternateExchange: e.alternateExchange,
  }
}

function bindingKey(b: BindingDeclaration): string {
  return `${b.exchange}\u0000${b.queue}\u0000${b.key}`
}
