// The Extensions section's layout: optparse's (help column 24, wrapped within 79 columns, a long
// label on a line of its own), from an option table's extension texts only.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { extensionsHelp } from '../../src/cli/extensions-help.js'

test('only options with an extension text, laid out as optparse lays options out', () => {
  const text = extensionsHelp(
    'qpid-x',
    [
      { long: 'broker', short: 'b', type: 'string' },
      { long: 'json', extension: 'Print one JSON document' },
      { long: 'watch', type: 'float', metavar: '[=SECONDS]', extension: 'Again and again '.repeat(5).trim() },
      { long: 'a-rather-long-option', type: 'string', extension: 'Long' },
    ],
    ['A note that is long enough to be wrapped onto a second line of its own, indented by two spaces.'],
  )
  assert.equal(
    text,
    `
Extensions (not in the original qpid-x; docs/compat.md):
  --json                Print one JSON document
  --watch[=SECONDS]     Again and again Again and again Again and again Again
                        and again Again and again
  --a-rather-long-option=<A-RATHER-LONG-OPTION>
                        Long

  A note that is long enough to be wrapped onto a second line of its own,
  indented by two spaces.
`,
  )
  assert.equal(extensionsHelp('qpid-x', [{ long: 'broker' }]), '')
})
