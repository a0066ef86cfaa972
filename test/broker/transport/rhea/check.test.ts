// The start-up check of rhea's internals: the real rhea 3.0.5 passes, a rhea whose internals differ
// from what the patches replace fails with one line naming each difference.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { assertRheaInternals, RheaMismatch } from '../../../../src/broker/transport/rhea/index.js'
import { rheaInternals } from '../../../../src/broker/transport/rhea/internals.js'
import { PINNED_RHEA_VERSION } from '../../../../src/protocol/rhea-pin.js'

test('rhea is pinned to one exact release, and the installed rhea passes the check', () => {
  assert.match(PINNED_RHEA_VERSION, /^\d+\.\d+\.\d+$/)
  assert.doesNotThrow(() => assertRheaInternals(rheaInternals()))
})

test('a rhea of another shape fails with one line naming what is missing or different', () => {
  const real = rheaInternals()
  const fake = {
    ...real,
    version: '3.1.0',
    session: { ...real.session, on_attach: undefined },
    incoming: { ...real.incoming, process: () => {} },
    outgoing: { ...real.outgoing, send: (_sender: unknown, _tag: unknown) => {} },
  }
  assert.throws(
    () => assertRheaInternals(fake),
    (e: unknown) =>
      e instanceof RheaMismatch &&
      e.message ===
        'rhea 3.1.0 does not have the internals these patches replace: version 3.1.0 is not the pinned 3.0.5; ' +
          'Session.on_attach() missing; ' +
          'Incoming.process() no longer contains "write_dispositions(this.updated)"; ' +
          'Outgoing.send() takes 2 parameters, not 4',
  )
})
