// Start-up cache for the CommonJS packages a tool loads (@oclif/core, rhea and their dependencies,
// about 130 files): V8's compiled code, and where each require() resolved to. Measured on
// `qpid-config queues` (2026-11-25, docs/benchmarks.md): compiling those files was the largest
// self cost in the CPU profile (Node's wrapSafe), and resolving their 263 require() calls took
// 21-28 ms of CPU; each run repeats both for the same files. Node 22 has
// module.enableCompileCache(); Node 20 does not, so this hooks Module.prototype._compile for files
// under node_modules/ as the v8-compile-cache package does (not used as is: its scripts break the
// dynamic import() with which oclif loads ESM commands; files that contain import() keep Node's
// own compile here, as a vm.Script can only import() through an experimental option).
//
// One file per tool and Node version under $XDG_CACHE_HOME (or ~/.cache)/qpid-tools-ts/. Code is
// keyed by file name and a hash of its source (V8 itself only checks the source length).
// Resolutions are kept only while node_modules/.package-lock.json (rewritten by every npm install)
// is unchanged. The file is
// written (atomically, by rename) only after a run that found something new; any failure means a
// normal compile or resolution. QPID_TOOLS_NO_CODE_CACHE=1 disables it.
import { hash } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import Module from 'node:module'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { deserialize, serialize } from 'node:v8'
import vm from 'node:vm'

const DYNAMIC_IMPORT = /\bimport\s*\(/
// Resolutions are cached only for requires made by this package's own dependencies, whose
// installation npm's hidden lockfile identifies.
const NODE_MODULES = fileURLToPath(new URL('../../node_modules/', import.meta.url))
const LOCKFILE = join(NODE_MODULES, '.package-lock.json')

interface Stored {
  /** Identifies the installed node_modules the resolutions were made in. */
  installed: string
  /** `dir of requiring file \0 request` → resolved file name. */
  resolved: Map<string, string>
  code: Map<string, { sha1: string; data: Buffer }>
}

// Node internals this relies on, all stable since Node 12 and used the same way by v8-compile-cache.
interface CjsModule {
  filename?: string
  exports: unknown
  require(id: string): unknown
  _compile(content: string, filename: string): unknown
}
interface ModuleStatics {
  wrap(content: string): string
  _resolveFilename(request: string, parent: CjsModule | undefined, isMain: boolean, options?: unknown): string
  _resolveLookupPaths(request: string, parent: CjsModule): string[] | null
  _extensions: unknown
  _cache: unknown
  prototype: CjsModule
}

export function installCodeCache(tool: string): void {
  if (process.env.QPID_TOOLS_NO_CODE_CACHE) return
  const M = Module as unknown as ModuleStatics
  const dir = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'qpid-tools-ts')
  const file = join(dir, `${tool}-${process.version}-${process.arch}.bin`)
  const installed = installedId()
  let stored: Stored
  try {
    stored = deserialize(readFileSync(file)) as Stored
    if (stored.installed !== installed) stored.resolved = new Map()
  } catch {
    stored = { installed, resolved: new Map(), code: new Map() }
  }
  stored.installed = installed
  let changed = false

  const resolve = M._resolveFilename
  M._resolveFilename = function (request, parent, isMain, options) {
    if (
      !installed ||
      isMain ||
      options !== undefined ||
      !parent?.filename?.startsWith(NODE_MODULES) ||
      Module.isBuiltin(request)
    ) {
      return resolve.call(this, request, parent, isMain, options)
    }
    const key = `${dirname(parent.filename)}\0${request}`
    let found = stored.resolved.get(key)
    if (found === undefined) {
      found = resolve.call(this, request, parent, isMain, options)
      stored.resolved.set(key, found)
      changed = true
    }
    return found
  }

  const fresh: Array<[string, string, vm.Script]> = []
  const compile = M.prototype._compile
  M.prototype._compile = function (this: CjsModule, content: string, filename: string) {
    if (!filename.includes('/node_modules/') || DYNAMIC_IMPORT.test(content))
      return compile.call(this, content, filename)
    const sha1 = hash('sha1', content)
    const cached = stored.code.get(filename)
    const script = new vm.Script(M.wrap(content), {
      filename,
      cachedData: cached?.sha1 === sha1 ? cached.data : undefined,
    })
    if (cached?.sha1 !== sha1 || script.cachedDataRejected) fresh.push([filename, sha1, script])
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown
    return wrapper.call(this.exports, this.exports, requireFor(M, this), this, filename, dirname(filename))
  }

  process.once('exit', () => {
    if (fresh.length === 0 && !changed) return
    try {
      // Made at exit, so the cache also holds the functions this run compiled lazily.
      for (const [filename, sha1, script] of fresh) stored.code.set(filename, { sha1, data: script.createCachedData() })
      mkdirSync(dir, { recursive: true, mode: 0o700 })
      const tmp = `${file}.${process.pid}`
      writeFileSync(tmp, serialize(stored), { mode: 0o600 })
      renameSync(tmp, file)
    } catch {
      // A read-only or full disk only costs the next run its cache.
    }
  })
}

/** Size and time of npm's hidden lockfile, or '' (no resolution cache) when there is none. */
function installedId(): string {
  try {
    const s = statSync(LOCKFILE)
    return `${s.size}:${s.mtimeMs}`
  } catch {
    return ''
  }
}

/** The `require` a CommonJS module sees, as Node's own makeRequireFunction builds it. */
function requireFor(M: ModuleStatics, mod: CjsModule) {
  const require = (id: string) => mod.require(id)
  const resolve = (request: string, options?: unknown) => M._resolveFilename(request, mod, false, options)
  resolve.paths = (request: string) => M._resolveLookupPaths(request, mod)
  return Object.assign(require, { resolve, main: process.mainModule, extensions: M._extensions, cache: M._cache })
}
