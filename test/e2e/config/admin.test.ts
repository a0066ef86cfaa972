// qpid-config's write commands against a real qpidd-ref, checked through the tool's own listings
// (what operators see) and its exit codes. One broker per file; every test uses its own names.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import rhea from 'rhea'
import { type RunningBroker, startBroker } from '../../helpers/broker.js'
import { config, failed, ok, USAGE } from '../../helpers/config.js'

let broker: RunningBroker
before(async () => {
  broker = await startBroker(undefined)
})
after(() => broker?.stop())

const agentError = (code: number, text: string) =>
  failed(`Failed: Exception: Exception from Agent: {'error_code': ${code}, 'error_text': '${text}'}`)

/** Puts one message on a queue over AMQP 1.0 and resolves once the broker accepted it. */
function sendOne(queue: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const conn = rhea.create_container().connect({ host: '127.0.0.1', port: broker.port, reconnect: false })
    const sender = conn.open_sender(queue)
    let sent = false
    sender.on('sendable', () => {
      if (!sent) sender.send({ body: 'x' })
      sent = true
    })
    sender.on('accepted', () => {
      conn.close()
      resolve()
    })
    sender.on('rejected', () => reject(new Error('rejected')))
    conn.on('disconnected', (ctx) => ctx.error && reject(ctx.error))
  })
}

describe('add queue', () => {
  it('every queue option reaches the broker and shows in the listing', async () => {
    const add = await config(
      broker,
      'add',
      'queue',
      'aq-all',
      '--durable',
      '--file-count',
      '8',
      '--file-size=24',
      '--efp-partition-num',
      '2',
      '--efp-pool-file-size',
      '2048',
      '--wcache-page-size',
      '16',
      '--wcache-num-pages=8',
      '--max-queue-size',
      '1048576',
      '--max-queue-count',
      '5',
      '--limit-policy',
      'ring',
      '--lvq-key',
      'lk',
      '--flow-stop-size',
      '900',
      '--flow-resume-size',
      '500',
      '--flow-stop-count',
      '4',
      '--flow-resume-count',
      '2',
      '--group-header',
      'g',
      '--shared-groups',
      '--alternate-exchange',
      'amq.fanout',
      '--replicate',
      'all',
      '--argument',
      'x-foo=bar',
      '--argument=x-n=7',
    )
    assert.deepEqual(add, ok())
    assert.deepEqual(
      await config(broker, 'queues', 'aq-all'),
      ok(
        'Queue Name  Attributes\n' +
          '===================================\n' +
          'aq-all      --durable --replicate=all --file-size=24 --file-count=8 --efp-partition-num=2 ' +
          '--efp-pool-file-size=2048 --wcache-page-size=16 --wcache-num-pages=8 --max-queue-size=1048576 ' +
          '--max-queue-count=5 --limit-policy=ring --lvq-key=lk --alternate-exchange=amq.fanout ' +
          '--flow-stop-size=900 --flow-resume-size=500 --flow-stop-count=4 --flow-resume-count=2 ' +
          '--group-header=g --shared-groups --argument x-foo=bar --argument x-n=7\n',
      ),
    )
  })

  it('ring limit with a count (the brief example); store options ignored without --durable', async () => {
    assert.deepEqual(
      await config(
        broker,
        'add',
        'queue',
        'aq-ring',
        '--max-queue-count',
        '5',
        '--limit-policy',
        'ring',
        '--file-count',
        '4',
      ),
      ok(),
    )
    assert.deepEqual(
      await config(broker, 'queues', 'aq-ring'),
      ok(
        'Queue Name  Attributes\n===================================\naq-ring     --max-queue-count=5 --limit-policy=ring \n',
      ),
    )
  })

  it('--limit-policy none sends nothing; options may come before the command words; TLS/SASL names accepted', async () => {
    assert.deepEqual(
      await config(
        broker,
        '--limit-policy',
        'none',
        '--sasl-service-name',
        'qpidd',
        '--ssl-certificate',
        'c.pem',
        '--ssl-key',
        'k.pem',
        'add',
        '--replicate=configuration',
        'queue',
        'aq-none',
      ),
      ok(),
    )
    assert.deepEqual(
      await config(broker, 'queues', 'aq-none'),
      ok('Queue Name  Attributes\n===================================\naq-none     --replicate=configuration \n'),
    )
  })

  it('a duplicate is the broker error, exit 1 (golden 37)', async () => {
    assert.deepEqual(await config(broker, 'add', 'queue', 'aq-dup'), ok())
    assert.deepEqual(
      await config(broker, 'add', 'queue', 'aq-dup', '--replicate', 'all'),
      agentError(7, 'object already exists: aq-dup'),
    )
  })

  it('--start-replica on a broker without the HA module: the queue is made, then the method fails', async () => {
    const r = await config(broker, 'add', 'queue', 'aq-replica', '--start-replica', '127.0.0.1:1')
    assert.equal(r.code, 1)
    assert.match(
      r.stdout,
      /^Failed: Exception: Exception from Agent: \{'error_code': \d+, 'error_text': '.*ha-broker.*'\}\n$/,
    )
    assert.equal((await config(broker, 'queues', 'aq-replica')).code, 0)
  })
})

describe('add exchange, bind, unbind', () => {
  it('exchange options show in the listing', async () => {
    assert.deepEqual(
      await config(
        broker,
        'add',
        'exchange',
        'topic',
        'ax-t',
        '--durable',
        '--sequence',
        '--ive',
        '--alternate-exchange',
        'amq.fanout',
        '--replicate',
        'configuration',
      ),
      ok(),
    )
    assert.deepEqual(
      await config(broker, 'exchanges', 'ax-t'),
      ok(
        'Type      Exchange Name  Attributes\n' +
          '=============================================\n' +
          'topic     ax-t           --durable --replicate=configuration --sequence --ive --alternate-exchange=amq.fanout\n',
      ),
    )
  })

  it('bind with a key, see it from both sides, unbind it (goldens 39, 41, 42, 46)', async () => {
    assert.deepEqual(await config(broker, 'add', 'exchange', 'topic', 'bx'), ok())
    assert.deepEqual(await config(broker, 'add', 'queue', 'bq'), ok())
    assert.deepEqual(await config(broker, 'bind', 'bx', 'bq', 'key'), ok())
    assert.deepEqual(
      await config(broker, 'queues', '-r', 'bq'),
      ok("Queue 'bq'\n    bind [bq] => ''\n    bind [key] => bx\n"),
    )
    assert.deepEqual(
      await config(broker, 'queues', '-r', '--ignore-default', 'bq'),
      ok("Queue 'bq'\n    bind [key] => bx\n"),
    )
    assert.deepEqual(await config(broker, 'exchanges', '-r', 'bx'), ok("Exchange 'bx' (topic)\n    bind [key] => bq\n"))
    assert.deepEqual(await config(broker, 'unbind', 'bx', 'bq', 'key'), ok())
    assert.deepEqual(await config(broker, 'exchanges', '--recursive', 'bx'), ok("Exchange 'bx' (topic)\n"))
  })

  it('headers bindings: all|any plus conditions; malformed conditions are refused locally', async () => {
    assert.deepEqual(await config(broker, 'add', 'exchange', 'headers', 'hx'), ok())
    assert.deepEqual(await config(broker, 'add', 'queue', 'hq'), ok())
    assert.deepEqual(await config(broker, 'bind', 'hx', 'hq', 'hk', 'any', 'a=1', 'b=2'), ok())
    assert.deepEqual(
      await config(broker, 'exchanges', '-r', 'hx'),
      ok("Exchange 'hx' (headers)\n    bind [hk] => hq {'a': '1', 'b': '2', 'x-match': 'any'}\n"),
    )
    assert.deepEqual(
      await config(broker, 'bind', 'hx', 'hq', 'hk2', 'any'),
      failed("Invalid args to bind headers:  need 'any'/'all' plus conditions"),
    )
    assert.deepEqual(
      await config(broker, 'bind', 'hx', 'hq', 'hk2', 'some', 'a=1'),
      failed("Invalid condition arg to bind headers, need 'any' or 'all', not 'some'"),
    )
  })

  it('binding errors come from the broker (golden 58); unknown exchange types too', async () => {
    assert.deepEqual(
      await config(broker, 'bind', 'amq.direct', 'nosuchqueue', 'k'),
      agentError(7, 'not-found: Bind failed. No such queue: nosuchqueue'),
    )
    assert.deepEqual(
      await config(broker, 'add', 'exchange', 'bogus', 'bx2'),
      agentError(7, 'Invalid exchange type: bogus'),
    )
  })

  it('generic add/del <type> <name> with --argument properties', async () => {
    assert.deepEqual(await config(broker, 'add', 'queue', 'gq'), ok())
    assert.deepEqual(await config(broker, 'add', 'binding', 'amq.topic/gq/gk.#'), ok())
    assert.deepEqual(
      await config(broker, 'queues', '-r', 'gq'),
      ok("Queue 'gq'\n    bind [gq] => ''\n    bind [gk.#] => amq.topic\n"),
    )
    assert.deepEqual(await config(broker, 'del', 'binding', 'amq.topic/gq/gk.#'), ok())
    assert.deepEqual(await config(broker, 'queues', '-r', 'gq'), ok("Queue 'gq'\n    bind [gq] => ''\n"))
    assert.deepEqual(await config(broker, 'add', 'bogus', 'n'), agentError(7, 'unknown object type: bogus'))
    assert.deepEqual(await config(broker, 'add', 'queue', 'gq2', '--argument', 'qpid.max_count=3'), ok())
    assert.deepEqual(
      await config(broker, 'queues', 'gq2'),
      ok('Queue Name  Attributes\n===================================\ngq2         --max-queue-count=3 \n'),
    )
  })
})

describe('del', () => {
  it('a queue holding a message needs --force or --force-if-not-empty (golden 59)', async () => {
    assert.deepEqual(await config(broker, 'add', 'queue', 'dq'), ok())
    await sendOne('dq')
    const notEmpty = agentError(7, 'precondition-failed: Cannot delete queue dq; queue not empty')
    assert.deepEqual(await config(broker, 'del', 'queue', 'dq'), notEmpty)
    assert.deepEqual(await config(broker, 'del', 'queue', 'dq', '--force-if-used'), notEmpty)
    assert.deepEqual(await config(broker, 'del', 'queue', 'dq', '--force'), ok())
    assert.deepEqual(await config(broker, 'queues', 'dq'), { code: 1, stdout: '', stderr: '' })
    assert.deepEqual(await config(broker, 'add', 'queue', 'dq2'), ok())
    await sendOne('dq2')
    assert.deepEqual(await config(broker, 'del', 'queue', 'dq2', '--force-if-not-empty'), ok())
  })

  it('unknown queue and exchange, the default exchange (goldens 48, 54)', async () => {
    assert.deepEqual(
      await config(broker, 'del', 'queue', 'nosuchqueue'),
      agentError(7, 'not-found: Delete failed. No such queue: nosuchqueue'),
    )
    assert.deepEqual(
      await config(broker, 'del', 'exchange', 'nosuchx'),
      agentError(7, 'not-found: Exchange not found: nosuchx'),
    )
    assert.deepEqual(
      await config(broker, 'del', 'exchange', ''),
      agentError(7, 'invalid-argument: Delete not allowed for default exchange'),
    )
  })

  it('an exchange (golden 53)', async () => {
    assert.deepEqual(await config(broker, 'add', 'exchange', 'fanout', 'dx'), ok())
    assert.deepEqual(await config(broker, 'del', 'exchange', 'dx'), ok())
    assert.deepEqual(await config(broker, 'exchanges', 'dx'), { code: 1, stdout: '', stderr: '' })
  })
})

describe('malformed command words: synopsis on stdout, exit 1, after connecting (goldens 45, 51)', () => {
  for (const words of [
    ['purge', 'queue', 'q1'],
    ['add'],
    ['add', 'link'],
    ['add', 'queue'],
    ['add', 'exchange', 'topic'],
    ['del', 'queue'],
    ['del', 'exchange'],
    ['bind', 'amq.direct'],
    ['unbind'],
    ['list'],
    ['log', 'a', 'b'],
  ]) {
    it(words.join(' '), async () => {
      assert.deepEqual(await config(broker, ...words), { code: 1, stdout: USAGE, stderr: '' })
    })
  }
})

describe('log, reload-acl', () => {
  it('log shows the level, log <level> sets it', async () => {
    assert.deepEqual(await config(broker, 'log', 'info+,debug+:Broker'), ok())
    // qpidd reports its selectors joined by spaces.
    assert.deepEqual(await config(broker, 'log'), ok('Log level: info+ debug+:Broker\n'))
  })

  it('reload-acl without an ACL module says so and exits 0', async () => {
    assert.deepEqual(await config(broker, 'reload-acl'), ok('Failed: ACL Module Not Loaded in Broker\n'))
  })
})

describe('shutdown', () => {
  it('stops the broker and exits 0', async (t) => {
    const victim = await startBroker(t)
    const exited = new Promise<number | null>((resolve) => victim.process.once('exit', (code) => resolve(code)))
    assert.deepEqual(await config(victim, 'shutdown'), ok())
    const deadline = new Promise<string>((resolve) => setTimeout(() => resolve('still running'), 10000).unref())
    assert.notEqual(await Promise.race([exited, deadline]), 'still running')
  })
})
