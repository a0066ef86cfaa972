// src/cli/code-cache.ts: a CommonJS package loads the same with and without its cached code, the
// cache file appears after the first run, and an edit that keeps the file's length (which V8's own
// check would accept) is still seen. Child processes, since the hook patches node's module loader.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { ROOT } from '../helpers/broker.js'

test('cached code is used only for the source it was made from', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'code-cache-'))
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  const pkg = join(dir, 'node_modules', 'pkg')
  mkdirSync(pkg, { recursive: true })
  const source = (word: string) => `module.exports = () => require('node:path').join('${word}', 'x')\n`
  writeFileSync(join(pkg, 'index.js'), source('aaa'))
  writeFileSync(
    join(dir, 'main.mjs'),
    [
      `import { createRequire } from 'node:module'`,
      `import { installCodeCache } from ${JSON.stringify(join(ROOT, 'dist/cli/code-cache.js'))}`,
      `installCodeCache('unit')`,
      `process.stdout.write(createRequire(import.meta.url)('pkg')())`,
    ].join('\n'),
  )
  const cache = join(dir, 'cache')
  const runMain = () =>
    execFileSync(process.execPath, [join(dir, 'main.mjs')], {
      encoding: 'utf8',
      env: { ...process.env, XDG_CACHE_HOME: cache },
    })

  assert.equal(runMain(), 'aaa/x')
  assert.ok(existsSync(join(cache, 'qpid-tools-ts', `unit-${process.version}-${process.arch}.bin`)))
  assert.equal(runMain(), 'aaa/x')
  writeFileSync(join(pkg, 'index.js'), source('bbb'))
  assert.equal(runMain(), 'bbb/x')
})
