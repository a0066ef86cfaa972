// Durable links and bridges (`qpid-route -d`) survive a restart: their configuration is kept in
// `<data-dir>/federation.json`, rewritten (temp file, fsync, rename) whenever a durable link or
// bridge is created or closed, and re-created at start-up. The message store has no records for
// federation objects, and this small file keeps them out of the message journal's format.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import type { BridgeConfig } from './bridge-config.js'
import type { LinkConfig } from './link.js'

export interface DurableFederation {
  links: LinkConfig[]
  bridges: { link: string; bridge: BridgeConfig }[]
}

export class DurableConfigFile {
  private readonly path: string

  constructor(dataDir: string) {
    this.path = join(dataDir, 'federation.json')
  }

  /** The saved configuration; a missing file is an empty one, an unreadable one throws. */
  load(): DurableFederation {
    if (!existsSync(this.path)) return { links: [], bridges: [] }
    const saved = JSON.parse(readFileSync(this.path, 'utf8')) as Partial<DurableFederation>
    return { links: saved.links ?? [], bridges: saved.bridges ?? [] }
  }

  save(state: DurableFederation): void {
    const tmp = `${this.path}.tmp`
    // owner-only: link passwords are in it
    const fd = openSync(tmp, 'w', 0o600)
    try {
      writeSync(fd, `${JSON.stringify(state, null, 2)}\n`)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    renameSync(tmp, this.path)
  }
}
