// The broker's patches to rhea's private internals, installed process-wide (they also apply to the
// rhea clients of the HA and federation modules). Each module says which bug or cost it addresses;
// docs/broker.md lists them with the tests that pin each one down. Before anything is replaced, every
// internal the patches rely on is checked, so another rhea release fails at start-up with one line.

import { PINNED_RHEA_VERSION } from '../../../protocol/rhea-pin.js'
import { attachOrder } from './attach-order.js'
import { disabledLogging } from './disabled-logging.js'
import { dispositionRanges } from './disposition-ranges.js'
import { eventDispatch } from './event-dispatch.js'
import { fastTransfers } from './fast-transfers.js'
import { frameEncoding } from './frame-encoding.js'
import { incomingDeliveries } from './incoming-deliveries.js'
import { type RheaInternals, rheaInternals } from './internals.js'
import { linkNames } from './link-names.js'
import { outgoingDeliveries } from './outgoing-deliveries.js'
import { outputBatching } from './output-batching.js'
import type { RheaPatch } from './patch.js'
import { rawDecoding } from './raw-decoding.js'

export { quietContainerDispatch } from './event-dispatch.js'

export const RHEA_PATCHES: readonly RheaPatch[] = [
  rawDecoding,
  linkNames,
  attachOrder,
  outputBatching,
  frameEncoding,
  eventDispatch,
  fastTransfers,
  disabledLogging,
  dispositionRanges,
  incomingDeliveries,
  outgoingDeliveries,
]

/** The rhea in use is not the one the patches were written for. */
export class RheaMismatch extends Error {}

/** Throws RheaMismatch naming everything the patches would not find as expected. */
export function assertRheaInternals(r: RheaInternals, patches: readonly RheaPatch[] = RHEA_PATCHES): void {
  const problems =
    r.version === PINNED_RHEA_VERSION ? [] : [`version ${r.version} is not the pinned ${PINNED_RHEA_VERSION}`]
  for (const p of patches) problems.push(...p.check(r))
  if (problems.length > 0)
    throw new RheaMismatch(
      `rhea ${r.version} does not have the internals these patches replace: ${problems.join('; ')}`,
    )
}

const installed = new Set<RheaPatch>()

/** Installs one patch (once per process); tests use it to run rhea with only what they need. */
export function installRheaPatch(p: RheaPatch): void {
  if (installed.has(p)) return
  const r = rheaInternals()
  assertRheaInternals(r, [p])
  installed.add(p)
  p.install(r)
}

/** Checks all internals first, then installs every patch not installed yet. */
export function installRheaPatches(): void {
  const pending = RHEA_PATCHES.filter((p) => !installed.has(p))
  if (pending.length === 0) return
  assertRheaInternals(rheaInternals(), pending)
  for (const p of pending) installRheaPatch(p)
}
