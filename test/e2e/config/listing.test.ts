// qpid-config's read-only views against a real qpidd-ref: overview, queues/exchanges with and
// without filters, -r, list, and the --json documents.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { type RunningBroker, startBroker } from '../../helpers/broker.js'
import { config, ok } from '../../helpers/config.js'

let broker: RunningBroker
before(async () => {
  broker = await startBroker(undefined)
  for (const args of [
    ['add', 'queue', 'lq-a', '--durable'],
    ['add', 'queue', 'lq-bb', '--max-queue-count', '10'],
    ['add', 'exchange', 'direct', 'lx', '--durable'],
    ['bind', 'lx', 'lq-a', 'ka'],
  ]) {
    const r = await config(broker, ...args)
    assert.deepEqual(r, ok(), args.join(' '))
  }
})
after(() => broker?.stop())

const json = async (...args: string[]) => {
  const r = await config(broker, ...args, '--json')
  assert.equal(r.stderr, '')
  return { code: r.code, doc: JSON.parse(r.stdout) }
}

describe('queues', () => {
  it('the whole list: header width from the longest name, each queue once, the own reply queue included', async () => {
    const r = await config(broker, 'queues')
    assert.equal(r.code, 0)
    // Rows keep their trailing space, so drop only the final newline.
    const [header, rule, ...rows] = r.stdout.replace(/\n$/, '').split('\n')
    const names = rows.map((row) => row.split(' ')[0])
    assert.ok(names.includes('lq-a') && names.includes('lq-bb'))
    const width = Math.max(10, ...names.map((n) => n.length))
    assert.equal(header, `${'Queue Name'.padEnd(width)}  Attributes`)
    assert.equal(rule, '='.repeat(5 * (Math.floor(width / 5) + 5)))
    assert.ok(rows.includes(`${'lq-a'.padEnd(width)}  --durable `))
    assert.ok(rows.includes(`${'lq-bb'.padEnd(width)}  --max-queue-count=10 `))
  })

  it('a filter is a substring match (golden 56); no match prints nothing and exits 1 (golden 57)', async () => {
    assert.deepEqual(
      await config(broker, 'queues', 'lq-'),
      ok(
        'Queue Name  Attributes\n===================================\nlq-a        --durable \nlq-bb       --max-queue-count=10 \n',
      ),
    )
    assert.deepEqual(await config(broker, 'queues', 'zzz'), { code: 1, stdout: '', stderr: '' })
    assert.deepEqual(await config(broker, 'queues', '-r', 'zzz'), ok())
  })

  it('-a overrides -b; --ha-admin, -t and --sasl-mechanism ANONYMOUS are accepted', async () => {
    const expected = ok(
      'Queue Name  Attributes\n===================================\nlq-bb       --max-queue-count=10 \n',
    )
    const r = await config(
      '127.0.0.1:1',
      '-a',
      broker.address,
      '--ha-admin',
      '-t',
      '5',
      '--sasl-mechanism',
      'ANONYMOUS',
      'queues',
      'lq-bb',
    )
    assert.deepEqual(r, expected)
  })

  it('--json: rows keyed by property name, arguments as an object, bindings with -r', async () => {
    const { code, doc } = await json('queues', 'lq-')
    assert.equal(code, 0)
    assert.equal(doc.broker, broker.address)
    assert.deepEqual(
      doc.queues.map((q: any) => [q.name, q.durable, q.arguments]),
      [
        ['lq-a', true, {}],
        ['lq-bb', false, { 'qpid.max_count': 10 }],
      ],
    )
    assert.equal(typeof doc.queues[0].msgDepth, 'number')
    const rec = await json('queues', '-r', 'lq-a')
    assert.deepEqual(rec.doc.queues[0].bindings, [
      { exchange: '', bindingKey: 'lq-a', arguments: {} },
      { exchange: 'lx', bindingKey: 'ka', arguments: {} },
    ])
    assert.deepEqual(await json('queues', 'zzz'), { code: 1, doc: { broker: broker.address, queues: [] } })
  })
})

describe('exchanges', () => {
  it('filtered and recursive views', async () => {
    assert.deepEqual(
      await config(broker, 'exchanges', 'lx'),
      ok(
        'Type      Exchange Name  Attributes\n=============================================\ndirect    lx             --durable\n',
      ),
    )
    assert.deepEqual(
      await config(broker, 'exchanges', '-r', 'lx'),
      ok("Exchange 'lx' (direct)\n    bind [ka] => lq-a\n"),
    )
    assert.deepEqual(await config(broker, 'exchanges', 'zzz'), { code: 1, stdout: '', stderr: '' })
  })

  it('the default exchange: listed with a blank name, skipped with --ignore-default', async () => {
    const all = await config(broker, 'exchanges')
    const rows = all.stdout.split('\n').slice(2)
    assert.ok(rows.some((row) => /^direct {4} +--replicate=none$/.test(row)))
    const ignoring = await config(broker, 'exchanges', '--ignore-default')
    assert.equal(ignoring.code, 0)
    assert.equal(ignoring.stdout.split('\n').length, all.stdout.split('\n').length - 1)
    const rec = await config(broker, 'exchanges', '-r', '--ignore-default')
    assert.ok(!rec.stdout.includes("Exchange '' (direct)"))
    assert.ok(rec.stdout.includes("Exchange 'lx' (direct)\n    bind [ka] => lq-a\n"))
  })

  it('--json with -r lists each binding with its queue', async () => {
    const { doc } = await json('exchanges', '-r', 'lx')
    assert.deepEqual(
      doc.exchanges.map((e: any) => [e.name, e.type, e.durable, e.bindings]),
      [['lx', 'direct', true, [{ queue: 'lq-a', bindingKey: 'ka', arguments: {} }]]],
    )
  })
})

describe('overview', () => {
  it('totals agree with the listings (golden 30 layout)', async () => {
    const exchanges = (await json('exchanges')).doc.exchanges as Array<{ type: string }>
    const queues = (await json('queues')).doc.queues as Array<{ durable: boolean }>
    const types = new Map<string, number>()
    for (const e of exchanges) types.set(e.type, (types.get(e.type) ?? 0) + 1)
    const durable = queues.filter((q) => q.durable).length
    const expected = [
      `Total Exchanges: ${exchanges.length}`,
      ...[...types].map(([type, n]) => `${type.padStart(15)}: ${n}`),
      '',
      `   Total Queues: ${queues.length}`,
      `        durable: ${durable}`,
      `    non-durable: ${queues.length - durable}`,
      '',
    ].join('\n')
    assert.deepEqual(await config(broker), ok(expected))
    const { doc } = await json()
    assert.deepEqual(doc.overview, {
      exchanges: exchanges.length,
      exchangeTypes: Object.fromEntries(types),
      queues: queues.length,
      durableQueues: durable,
      nonDurableQueues: queues.length - durable,
    })
  })
})

describe('list', () => {
  it('default columns for queues, chosen columns with warnings for unknown ones', async () => {
    const r = await config(broker, 'list', 'queue')
    assert.equal(r.code, 0)
    const lines = r.stdout.split('\n')
    assert.equal(lines[0], "Objects of type 'queue'")
    assert.match(lines[1], /^ {2}name +durable {2}autoDelete$/)
    assert.ok(lines.some((l) => /^ {2}lq-a +True {5}False$/.test(l)))
    const chosen = await config(
      broker,
      'list',
      'Exchange',
      '--show-property',
      'name',
      '--show-property=nope',
      '--show-property',
      'durable',
    )
    const [warning, title, header] = chosen.stdout.split('\n')
    assert.equal(warning, "Warning: No such property 'nope' for type 'Exchange'")
    assert.equal(title, "Objects of type 'Exchange'")
    assert.match(header, /^ {2}name +durable$/)
    assert.ok(chosen.stdout.includes('\n  lx                  True\n'))
  })

  it('references show the referenced name; a class without objects prints only the title', async () => {
    const r = await config(broker, 'list', 'binding', '--show-property', 'bindingKey', '--show-property', 'exchangeRef')
    assert.match(r.stdout, /\n {2}ka +lx\n/)
    assert.deepEqual(await config(broker, 'list', 'link'), ok("Objects of type 'link'\n"))
  })

  it('--json: the chosen columns, references as names', async () => {
    const { doc } = await json('list', 'binding', '--show-property', 'bindingKey', '--show-property', 'exchangeRef')
    assert.equal(doc.type, 'binding')
    assert.ok(
      doc.objects.some((o: any) => o.bindingKey === 'ka' && o.exchangeRef === 'lx' && Object.keys(o).length === 2),
    )
  })
})
