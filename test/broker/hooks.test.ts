// The order of the broker's hooks: a declare interceptor runs before the queue or exchange exists
// and before anything is journalled, so what it adds is in the first (and only) store record, and
// what it refuses leaves no trace; configuration and queue events come after the journal record,
// and the transport detaches a deleted queue's consumers after the modules have seen it go.

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Broker } from '../../src/broker/broker.js'
import type { BindingDeclaration, ExchangeDeclaration, QueueDeclaration } from '../../src/broker/declarations.js'
import { BrokerError } from '../../src/broker/errors.js'
import { Logger } from '../../src/broker/log.js'
import { encodeMessage, scanMessage } from '../../src/broker/message/codec.js'
import type { MessageRecord, MessageStore, RecoveredState } from '../../src/broker/store/store.js'

/** A persistent store that writes down what it is asked to record. */
class RecordingStore implements MessageStore {
  readonly persistent = true
  readonly log: string[] = []
  private nextId = 1
  async recover(): Promise<RecoveredState> {
    return { exchanges: [], queues: [], bindings: [] }
  }
  declareQueue(q: QueueDeclaration): number {
    this.log.push(`store queue ${q.name} ${JSON.stringify(q.arguments)}`)
    return this.nextId++
  }
  declareExchange(e: ExchangeDeclaration): number {
    this.log.push(`store exchange ${e.name} ${JSON.stringify(e.arguments)}`)
    return this.nextId++
  }
  deleteQueue(id: number): void {
    this.log.push(`store delete queue ${id}`)
  }
  deleteExchange(id: number): void {
    this.log.push(`store delete exchange ${id}`)
  }
  bind(b: BindingDeclaration): void {
    this.log.push(`store bind ${b.exchange}/${b.queue}/${b.key}`)
  }
  unbind(b: BindingDeclaration): void {
    this.log.push(`store unbind ${b.exchange}/${b.queue}/${b.key}`)
  }
  enqueue(m: MessageRecord): number {
    this.log.push(`store enqueue on ${m.queueId}`)
    return this.nextId++
  }
  dequeue(): void {}
  sync(done: () => void): void {
    done()
  }
  async close(): Promise<void> {}
}

function broker() {
  const store = new RecordingStore()
  const b = new Broker({ port: 0, auth: false, store, log: new Logger(['critical+'], { stderr: false }) })
  return { b, log: store.log }
}

test('a queue is intercepted before it exists, journalled with what the interceptor added, then announced', () => {
  const { b, log } = broker()
  b.hooks.add({
    declaringQueue: (d) => {
      log.push(`intercept ${d.name} exists=${b.queues.has(d.name)}`)
      d.arguments.stamp = 'yes'
    },
    queueDeclared: (q) => log.push(`declared ${q.name} ${JSON.stringify(q.arguments)}`),
  })
  b.declareQueue('q', { durable: true, arguments: { a: 1 } })
  assert.deepEqual(log, [
    'intercept q exists=false',
    'store queue q {"a":1,"stamp":"yes"}',
    'declared q {"a":1,"stamp":"yes"}',
  ])
})

test('an exchange is intercepted before it exists, journalled with what the interceptor added, then announced', () => {
  const { b, log } = broker()
  b.hooks.add({
    declaringExchange: (d) => {
      log.push(`intercept ${d.name} ${d.type} exists=${b.exchanges.has(d.name)}`)
      d.arguments.stamp = 'yes'
    },
    exchangeDeclared: (e) => log.push(`declared ${e.name} ${JSON.stringify(e.arguments)}`),
  })
  b.declareExchange('x', 'topic', { durable: true })
  assert.deepEqual(log, [
    'intercept x topic exists=false',
    'store exchange x {"stamp":"yes"}',
    'declared x {"stamp":"yes"}',
  ])
})

test('a refused declare creates, journals and announces nothing', () => {
  const { b, log } = broker()
  const refuse = () => {
    throw new BrokerError('refused here', 'amqp:invalid-field')
  }
  b.hooks.add({
    declaringQueue: refuse,
    declaringExchange: refuse,
    queueDeclared: (q) => log.push(`declared ${q.name}`),
    exchangeDeclared: (e) => log.push(`declared ${e.name}`),
    unbound: (x) => log.push(`unbound ${x.queue.name}`),
    queueDeleted: (q) => log.push(`deleted ${q.name}`),
  })
  const defaultBindings = b.defaultExchange.bindingCount.high
  assert.throws(() => b.declareQueue('q', { durable: true }), /refused here/)
  assert.throws(() => b.declareExchange('x', 'direct', { durable: true }), /refused here/)
  assert.deepEqual([b.queues.has('q'), b.exchanges.has('x'), log], [false, false, []])
  assert.equal(b.defaultExchange.bindingCount.high, defaultBindings)
})

test('an existing queue or exchange is returned without running the interceptors again', () => {
  const { b } = broker()
  let intercepted = 0
  b.hooks.add({ declaringQueue: () => intercepted++, declaringExchange: () => intercepted++ })
  b.declareQueue('q')
  b.declareExchange('x', 'fanout')
  assert.equal(b.declareQueue('q').created, false)
  assert.equal(b.declareExchange('x', 'fanout').created, false)
  assert.equal(intercepted, 2)
})

test('invalid queue settings are reported before any interceptor runs', () => {
  const { b } = broker()
  let intercepted = 0
  b.hooks.add({ declaringQueue: () => intercepted++ })
  assert.throws(() => b.declareQueue('q', { arguments: { 'qpid.max_count': 'lots' } }), BrokerError)
  assert.equal(intercepted, 0)
})

test('a removed module is called no more', () => {
  const { b } = broker()
  const seen: string[] = []
  const remove = b.hooks.add({ queueDeclared: (q) => seen.push(q.name), enqueued: () => seen.push('enqueued') })
  b.declareQueue('a')
  remove()
  b.declareQueue('b')
  assert.deepEqual([seen, b.queueObservers.length], [['a'], 0])
})

test('bindings are journalled, then announced; so are unbindings', () => {
  const { b, log } = broker()
  b.declareExchange('x', 'direct', { durable: true })
  b.declareQueue('q', { durable: true })
  log.length = 0
  b.hooks.add({
    bound: (x) => log.push(`bound ${x.exchange.name}/${x.queue.name}/${x.key}`),
    unbound: (x) => log.push(`unbound ${x.exchange.name}/${x.queue.name}/${x.key}`),
  })
  b.bind('x', 'q', 'k')
  b.unbind('x', 'q', 'k')
  assert.deepEqual(log, ['store bind x/q/k', 'bound x/q/k', 'store unbind x/q/k', 'unbound x/q/k'])
})

test('a persistent message is journalled before the modules see it enqueued', () => {
  const { b, log } = broker()
  const { queue } = b.declareQueue('q', { durable: true })
  log.length = 0
  b.hooks.add({ enqueued: (q) => log.push(`enqueued on ${q.persistenceId}`) })
  b.publish(scanMessage(encodeMessage({ durable: true, body: 'm' })), queue, '')
  assert.deepEqual(log, [`store enqueue on ${queue.persistenceId}`, `enqueued on ${queue.persistenceId}`])
})

test('a deleted queue is journalled, then the modules see it go, then its consumers are detached', () => {
  const { b, log } = broker()
  const { queue } = b.declareQueue('q', { durable: true })
  log.length = 0
  b.hooks.add({ queueDeleted: (q) => log.push(`deleted ${q.name}`) })
  b.hooks.detachConsumers = (q) => log.push(`detach consumers of ${q.name}`)
  b.deleteQueue('q')
  assert.deepEqual(log, [`store delete queue ${queue.persistenceId}`, 'deleted q', 'detach consumers of q'])
})

test('a deleted exchange is journalled, then announced', () => {
  const { b, log } = broker()
  const { exchange } = b.declareExchange('x', 'fanout', { durable: true })
  log.length = 0
  b.hooks.add({ exchangeDeleted: (e) => log.push(`deleted ${e.name}`) })
  b.deleteExchange('x')
  assert.deepEqual(log, [`store delete exchange ${exchange.persistenceId}`, 'deleted x'])
})
