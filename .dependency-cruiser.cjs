// The import rules of src/ (docs/architecture.md, "Floors and arrows"), checked by `npm run lint`.
// Type-only imports count: a circle or a wrong arrow is one whether it carries code or types.
const layer = (name) => `^src/${name}/`

/** `from` may import nothing under src/ but itself and `allowed` (folders, or single `.ts` files). */
function onlyImports(name, from, allowed, comment) {
  const own = [from, ...allowed].map((d) => (d.endsWith('.ts') ? `src/${d.replace('.', '\\.')}$` : `src/${d}/`)).join('|')
  return { name, comment, severity: 'error', from: { path: layer(from) }, to: { path: '^src/', pathNot: `^(${own})` } }
}

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Modules form no circle of imports: each can be read, tested and loaded on its own.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    onlyImports('protocol-is-the-floor', 'protocol', [], 'The protocol floor imports nothing above it.'),
    onlyImports(
      'broker-stands-alone',
      'broker',
      ['protocol'],
      'The broker is reached by the tools only over AMQP: it never imports tools, renderers or clients.',
    ),
    {
      name: 'broker-core-below-its-modules',
      comment:
        'The broker core (model, nodes, messages, store) reaches HA, federation, management and transport only through its hooks.',
      severity: 'error',
      from: { path: '^src/broker/(broker|hooks|routing|errors|durable-records|log)\\.ts$|^src/broker/(nodes|message|store)/' },
      to: { path: '^src/broker/(transport|ha|federation|management)/|^src/broker/main\\.ts$' },
    },
    {
      name: 'store-takes-records',
      comment: 'The store takes plain records: it imports nothing of the broker but their shapes and the logger.',
      severity: 'error',
      from: { path: '^src/broker/store/' },
      to: { path: '^src/broker/', pathNot: '^src/broker/(store/|log\\.ts$|declarations\\.ts$)' },
    },
    onlyImports('client-on-the-floor', 'client', ['protocol'], 'The failover client needs only the protocol floor.'),
    onlyImports(
      'render-takes-plain-data',
      'render',
      ['protocol'],
      'Renderers take plain data (protocol/qmf-types) and never reach a broker.',
    ),
    onlyImports('qmf-console-on-the-floor', 'qmf', ['protocol'], 'The QMF console is built on the protocol floor only.'),
    onlyImports(
      'cli-is-argv-only',
      'cli',
      ['render', 'protocol/errors.ts'],
      'The argv floor (optparse, help, routing) loads no client code, so --help and option errors start fast.',
    ),
    onlyImports(
      'services-below-commands',
      'services',
      ['protocol', 'qmf', 'render', 'cli'],
      'Services never import commands, the broker or the failover client.',
    ),
    onlyImports(
      'commands-are-thin',
      'commands',
      ['services', 'render', 'protocol'],
      'Commands parse, call a service and render: they import services, renderers and protocol types only.',
    ),
    onlyImports(
      'cluster-drives-executables',
      'cluster',
      ['cli/progress.ts'],
      'qpid-cluster runs the real executables, as an operator would (its spinner is the tools\' one).',
    ),
    {
      name: 'nothing-imports-commands',
      comment: 'oclif loads the commands; no module imports one.',
      severity: 'error',
      from: { pathNot: layer('commands') },
      to: { path: layer('commands') },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
}
