// The rhea release this project was written against, and the one this process runs. Code that
// wraps or replaces rhea internals (the tools' typed decoding, the broker's patches) checks the
// two are the same before it changes anything. The pin is package.json's exact dependency, so it
// is stated once.
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

/** The exact version package.json depends on. */
export const PINNED_RHEA_VERSION: string = (require('../../package.json') as { dependencies: { rhea: string } })
  .dependencies.rhea

/** The version of the rhea this process loads. */
export const RHEA_VERSION: string = (require('rhea/package.json') as { version: string }).version
