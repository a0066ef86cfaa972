// bin/qpid-cluster.js: one command brings up a promoted 3-broker cluster and stops it on SIGTERM.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { it } from 'node:test'
import { ROOT } from '../../helpers/broker.js'
import { closedPort } from '../../helpers/ports.js'

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

it('qpid-cluster starts, promotes and prints status --all, and stops every broker on SIGTERM', async (t) => {
  const ports = [await closedPort(), await closedPort(), await closedPort()]
  const dir = mkdtempSync(join(tmpdir(), 'qpid-cluster-'))
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  const child = spawn(
    process.execPath,
    [join(ROOT, 'bin/qpid-cluster.js'), '--ports', ports.join(','), '--data-dir', dir],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  t.after(() => child.kill('SIGKILL'))
  let out = ''
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    out += d
  })
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)))
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no cluster within 30 s: ${out}`)), 30000)
    child.stdout.on('data', () => {
      if (out.includes('Press Ctrl-C')) {
        clearTimeout(timer)
        resolve()
      }
    })
  })
  const a = ports.map((p) => `127.0.0.1:${p}`)
  assert.ok(out.includes(`${a[0]} active\n${a[1]} ready\n${a[2]} ready\n`), out)
  const pids = [...out.matchAll(/\d+=(\d+)/g)].map((m) => Number(m[1]))
  assert.equal(pids.length, 3)
  child.kill('SIGTERM')
  assert.equal(await exited, 0)
  assert.ok(out.endsWith('All brokers stopped.\n'))
  assert.deepEqual(pids.map(alive), [false, false, false])
})
