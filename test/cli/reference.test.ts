// The generated command line references (docs/cli/<tool>.md) and shell completions (completions/)
// are what scripts/cli-reference.ts makes from the option tables now, and the bash completion
// offers what the tools accept.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { ROOT, referenceFiles } from '../../scripts/cli-reference.js'

describe('generated references', () => {
  it('every committed file is current (run `node --import tsx scripts/cli-reference.ts`)', async () => {
    const files = await referenceFiles()
    assert.equal(files.size, 12)
    for (const [path, text] of files) assert.equal(readFileSync(join(ROOT, path), 'utf8'), text, path)
  })
})

/** What the bash completion of `bin` offers for the command line `words` (the last one being completed). */
function offered(bin: string, words: string[]): string[] {
  const script = `source "$1"; COMP_WORDS=("\${@:3}"); COMP_CWORD=$(( $# - 3 )); _$2; printf '%s\\n' "\${COMPREPLY[@]}"`
  const out = execFileSync(
    'bash',
    ['-c', script, 'bash', join(ROOT, 'completions', `${bin}.bash`), bin.replaceAll('-', '_'), bin, ...words],
    { encoding: 'utf8' },
  )
  return out.split('\n').filter((l) => l !== '')
}

describe('bash completion', () => {
  it('qpid-config: command words, the word after add/del, options, choices, option values skipped', () => {
    assert.deepEqual(offered('qpid-config', ['']), [
      'exchanges',
      'queues',
      'add',
      'del',
      'bind',
      'unbind',
      'list',
      'log',
      'reload-acl',
      'shutdown',
    ])
    assert.deepEqual(offered('qpid-config', ['-b', 'host:5672', 'del', '']), ['exchange', 'queue'])
    assert.deepEqual(offered('qpid-config', ['del', 'queue', 'q1', '--d']), ['--durable', '--dry-run'])
    assert.deepEqual(offered('qpid-config', ['add', 'queue', 'q', '--limit-policy', 'r']), [
      'reject',
      'ring',
      'ring-strict',
    ])
    assert.deepEqual(offered('qpid-config', ['-b', '']), [])
  })

  it("qpid-ha: each command's own options", () => {
    assert.deepEqual(offered('qpid-ha', ['pro']), ['promote'])
    assert.deepEqual(offered('qpid-ha', ['promote', '--cluster-manager', '--d']), ['--dry-run'])
    assert.deepEqual(offered('qpid-ha', ['status', '--i']), ['--is-primary'])
    assert.deepEqual(offered('qpid-ha', ['query', '--i']), [])
  })

  it('qpid-route and qpid-stat', () => {
    assert.deepEqual(offered('qpid-route', ['route', '']), ['add', 'del', 'list', 'flush', 'map'])
    assert.deepEqual(offered('qpid-stat', ['--w']), ['--watch'])
  })
})

describe('bash completion is clean', () => {
  it('shellcheck finds nothing', () => {
    const files = ['qpid-config', 'qpid-stat', 'qpid-ha', 'qpid-route'].map((b) =>
      join(ROOT, 'completions', `${b}.bash`),
    )
    execFileSync('shellcheck', ['-s', 'bash', ...files], { encoding: 'utf8' })
  })
})

/**
 * What the zsh completion of `bin` hands to compadd for the command line `words` (the last one
 * being completed). compadd is stubbed to print its candidates; zsh itself filters them by prefix.
 */
function zshOffered(bin: string, words: string[]): string[] {
  const script = `compadd() { [[ $1 == -- ]] && shift; print -l -- "$@" }; _message() { :; }
words=("\${@:2}"); CURRENT=$(( $# - 1 )); source "$1"`
  const out = execFileSync('zsh', ['-f', '-c', script, 'zsh', join(ROOT, 'completions', `_${bin}`), bin, ...words], {
    encoding: 'utf8',
  })
  return out.split('\n').filter((l) => l !== '')
}

describe('zsh completion', () => {
  it('command words, the word after del, choices, an option value, per-command options', () => {
    assert.deepEqual(zshOffered('qpid-config', ['-b', 'h', '']).slice(0, 3), ['exchanges', 'queues', 'add'])
    assert.deepEqual(zshOffered('qpid-config', ['del', '']), ['exchange', 'queue'])
    assert.deepEqual(zshOffered('qpid-config', ['--limit-policy', '']), ['none', 'reject', 'ring', 'ring-strict'])
    assert.deepEqual(zshOffered('qpid-config', ['-b', '']), [])
    const promote = zshOffered('qpid-ha', ['promote', '-'])
    assert.ok(promote.includes('--dry-run') && promote.includes('--cluster-manager'), promote.join(' '))
    assert.ok(!zshOffered('qpid-ha', ['status', '-']).includes('--dry-run'))
    assert.deepEqual(zshOffered('qpid-route', ['link', '']), ['add', 'del', 'list'])
  })
})
