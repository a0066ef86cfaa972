import assert from 'node:assert/strict'
import { test } from 'node:test'
import { canonicalArgv, OptparseError, parseArgv, parseOptparseInt } from '../../src/cli/optparse.js'
import { routeWords } from '../../src/cli/qpid-config/definition.js'
import { QPID_CONFIG_OPTIONS } from '../../src/cli/qpid-config/options.js'

const parse = (...argv: string[]) => parseArgv(argv, QPID_CONFIG_OPTIONS)
const error = (...argv: string[]) => {
  try {
    parse(...argv)
  } catch (err) {
    assert.ok(err instanceof OptparseError)
    return err.message
  }
  assert.fail(`no error for ${argv.join(' ')}`)
}

test('options may stand before, between and after the command words', () => {
  const p = parse('-b', 'h1', 'add', '--durable', 'queue', 'q1', '--max-queue-count', '5')
  assert.deepEqual(p.positionals, ['add', 'queue', 'q1'])
  assert.deepEqual(p.options, { broker: 'h1', durable: true, 'max-queue-count': 5 })
})

test('--opt=value, unique prefixes and attached short values', () => {
  assert.deepEqual(parse('--broker=h:1').options, { broker: 'h:1' })
  assert.deepEqual(parse('--sasl-m', 'PLAIN').options, { 'sasl-mechanism': 'PLAIN' })
  assert.deepEqual(parse('--max-queue-c=7').options, { 'max-queue-count': 7 })
  assert.deepEqual(parse('-bh2').options, { broker: 'h2' })
  assert.deepEqual(parse('--ha').options, { 'ha-admin': true })
  assert.deepEqual(parse('--js').options, { json: true })
})

test('short clusters: flags, then a value option that takes the rest or the next word', () => {
  assert.deepEqual(parse('-rb', 'h').options, { recursive: true, broker: 'h' })
  assert.deepEqual(parse('-rbh').options, { recursive: true, broker: 'h' })
  assert.deepEqual(parse('-rt5').options, { recursive: true, timeout: 5 })
})

test('append options keep every occurrence; other options keep the last', () => {
  const p = parse(
    '--argument',
    'a=1',
    '--argument=b',
    '--show-property',
    'name',
    '--show-property=durable',
    '-b',
    'x',
    '-b',
    'y',
  )
  assert.deepEqual(p.options.argument, ['a=1', 'b'])
  assert.deepEqual(p.options['show-property'], ['name', 'durable'])
  assert.equal(p.options.broker, 'y')
  assert.deepEqual(canonicalArgv(p), [
    '--argument=a=1',
    '--argument=b',
    '--show-property=name',
    '--show-property=durable',
    '--broker=y',
  ])
})

test('-- ends the options; a lone - is a positional; positionals after -- may start with -', () => {
  const p = parse('queues', '--', '-r', '--durable')
  assert.deepEqual(p.positionals, ['queues', '-r', '--durable'])
  assert.deepEqual(p.options, {})
  assert.deepEqual(parse('bind', 'x', 'q', '-f', '-').options, { file: '-' })
  assert.deepEqual(parse('-').positionals, ['-'])
  assert.deepEqual(canonicalArgv(parse('queues', '--', '-x')), ['--', 'queues', '-x'])
})

test('-b and -a keep separate keys (the tool lets -a win)', () => {
  assert.deepEqual(parse('-a', 'h1', '-b', 'h2').options, { 'broker-addr': 'h1', broker: 'h2' })
})

test('--help stops the scan where it stands, as optparse acts on it', () => {
  const p = parse('queues', '--help', '--bogus')
  assert.equal(p.exit, 'help')
  assert.equal(parse('-rh').exit, 'help')
  assert.equal(parse('--he').exit, 'help')
  assert.equal(error('--bogus', '--help'), 'no such option: --bogus')
})

test('optparse error texts', () => {
  assert.equal(error('--bogus'), 'no such option: --bogus')
  assert.equal(error('-x'), 'no such option: -x')
  assert.equal(error('-rx'), 'no such option: -x')
  assert.equal(error('--h'), 'ambiguous option: --h (--ha-admin, --help?)')
  assert.equal(error('--force-if'), 'ambiguous option: --force-if (--force-if-not-empty, --force-if-used?)')
  assert.equal(
    error('--f'),
    'ambiguous option: --f (--file, --file-count, --file-size, --flow-resume-count, --flow-resume-size, --flow-stop-count, --flow-stop-size, --force, --force-if-not-empty, --force-if-used?)',
  )
  assert.equal(error('-b'), '-b option requires 1 argument')
  assert.equal(error('--broker'), '--broker option requires 1 argument')
  assert.equal(error('--bro'), 'ambiguous option: --bro (--broker, --broker-addr?)')
  assert.equal(error('--sasl-m'), '--sasl-mechanism option requires 1 argument')
  assert.equal(error('--durable=1'), '--durable option does not take a value')
  assert.equal(error('--max-queue-count', 'x'), "option --max-queue-count: invalid integer value: 'x'")
  assert.equal(error('-t', '1.5'), "option -t: invalid integer value: '1.5'")
  assert.equal(error('--timeout=09'), "option --timeout: invalid integer value: '09'")
  assert.equal(error('--max-queue-count', "it's"), `option --max-queue-count: invalid integer value: "it's"`)
  assert.equal(
    error('--limit-policy', 'drop'),
    "option --limit-policy: invalid choice: 'drop' (choose from 'none', 'reject', 'ring', 'ring-strict')",
  )
})

test('integers follow Python optparse: hex, binary, octal by prefix, sign, whitespace, underscores', () => {
  assert.equal(parseOptparseInt('42'), 42)
  assert.equal(parseOptparseInt('-5'), -5)
  assert.equal(parseOptparseInt('+5'), 5)
  assert.equal(parseOptparseInt(' 7 '), 7)
  assert.equal(parseOptparseInt('0x1f'), 31)
  assert.equal(parseOptparseInt('0X1F'), 31)
  assert.equal(parseOptparseInt('0b11'), 3)
  assert.equal(parseOptparseInt('010'), 8)
  assert.equal(parseOptparseInt('0'), 0)
  assert.equal(parseOptparseInt('1_000'), 1000)
  assert.equal(parseOptparseInt('09'), undefined)
  assert.equal(parseOptparseInt('-0x1'), undefined)
  assert.equal(parseOptparseInt(''), undefined)
  assert.equal(parseOptparseInt('1e3'), undefined)
  assert.equal(parseOptparseInt('_1'), undefined)
})

test('command words route to oclif command ids', () => {
  assert.deepEqual(routeWords([]), { id: 'overview', args: [] })
  assert.deepEqual(routeWords(['queues']), { id: 'queues', args: [] })
  assert.deepEqual(routeWords(['queues', 'q1', 'extra']), { id: 'queues', args: ['q1'] })
  assert.deepEqual(routeWords(['exchanges', 'amq']), { id: 'exchanges', args: ['amq'] })
  assert.deepEqual(routeWords(['add', 'queue', 'q1']), { id: 'add:queue', args: ['q1'] })
  assert.deepEqual(routeWords(['add', 'queue']), { id: 'add:queue', args: [] })
  assert.deepEqual(routeWords(['add', 'exchange', 'topic', 'x', 'y']), {
    id: 'add:exchange',
    args: ['topic', 'x', 'y'],
  })
  assert.deepEqual(routeWords(['add', 'link', 'l1']), { id: 'add', args: ['link', 'l1'] })
  assert.deepEqual(routeWords(['add', 'link']), { id: 'usage', args: [] })
  assert.deepEqual(routeWords(['add']), { id: 'usage', args: [] })
  assert.deepEqual(routeWords(['del', 'queue', 'q1']), { id: 'del:queue', args: ['q1'] })
  assert.deepEqual(routeWords(['del', 'exchange', 'x']), { id: 'del:exchange', args: ['x'] })
  assert.deepEqual(routeWords(['del', 'binding', 'x/q/k']), { id: 'del', args: ['binding', 'x/q/k'] })
  assert.deepEqual(routeWords(['bind', 'x', 'q', 'k', 'all', 'a=1']), {
    id: 'bind',
    args: ['x', 'q', 'k', 'all', 'a=1'],
  })
  assert.deepEqual(routeWords(['unbind', 'x', 'q']), { id: 'unbind', args: ['x', 'q'] })
  assert.deepEqual(routeWords(['reload-acl']), { id: 'reload-acl', args: [] })
  assert.deepEqual(routeWords(['list', 'queue']), { id: 'list', args: ['queue'] })
  assert.deepEqual(routeWords(['list']), { id: 'usage', args: [] })
  assert.deepEqual(routeWords(['log']), { id: 'log', args: [] })
  assert.deepEqual(routeWords(['log', 'debug+']), { id: 'log', args: ['debug+'] })
  assert.deepEqual(routeWords(['log', 'a', 'b']), { id: 'usage', args: [] })
  assert.deepEqual(routeWords(['shutdown']), { id: 'shutdown', args: [] })
  assert.deepEqual(routeWords(['purge', 'queue', 'q1']), { id: 'usage', args: [] })
})
