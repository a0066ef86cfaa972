// qpid-stat --watch through the real executable: piped snapshots with timestamp lines, JSON
// lines, and a clean exit 0 on Ctrl-C (SIGINT). Waits are bounded by conditions, not sleeps.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { ROOT, startBroker } from '../../helpers/broker.js'

/** Starts qpid-stat, waits until `enough(stdout)` holds, then sends SIGINT; resolves with the outcome. */
function watchUntil(args: string[], enough: (stdout: string) => boolean, limitMs = 10000) {
  return new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>(
    (resolve, reject) => {
      const child = spawn(process.execPath, [join(ROOT, 'bin/qpid-stat.js'), ...args], {
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      let stdout = ''
      let stderr = ''
      let interrupted = false
      const timer = setTimeout(() => {
        child.kill('SIGKILL')
        reject(new Error(`condition not reached within ${limitMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`))
      }, limitMs)
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        stdout += d
        if (!interrupted && enough(stdout)) {
          interrupted = true
          child.kill('SIGINT')
        }
      })
      child.stderr.setEncoding('utf8').on('data', (d: string) => {
        stderr += d
      })
      child.on('close', (code, signal) => {
        clearTimeout(timer)
        resolve({ code, signal, stdout, stderr })
      })
    },
  )
}

const STAMP = /^--- \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ ---$/

describe('qpid-stat --watch', () => {
  it('piped: whole snapshots after timestamp lines, exit 0 on SIGINT', async (t) => {
    const broker = await startBroker(t)
    const r = await watchUntil(
      ['-b', broker.address, '-e', '--watch=0.2'],
      (out) => out.split('\n').filter((l) => STAMP.test(l)).length >= 3,
    )
    assert.deepEqual([r.code, r.signal, r.stderr], [0, null, ''])
    const blocks = r.stdout.split(/^--- .* ---\n/m)
    assert.equal(blocks[0], '')
    for (const block of blocks.slice(1, 3)) {
      assert.match(block, /^Exchanges\n {2}exchange {12}type {5}dur/)
      assert.equal(block.split('\n').length, 2 + 1 + 8 + 1)
    }
  })

  it('bare --watch takes no value: the next word stays the queue name', async (t) => {
    const broker = await startBroker(t)
    const r = await watchUntil(['-b', broker.address, '-q', '--watch', 'nosuch'], (out) => out.includes('not found'))
    assert.equal(r.code, 0)
    assert.match(r.stdout, /^--- .* ---\nQueue 'nosuch' not found\n/)
  })

  it('piped --json: one JSON document per line with its time', async (t) => {
    const broker = await startBroker(t)
    const r = await watchUntil(
      ['-b', broker.address, '-q', '--json', '--wat=0.2'],
      (out) => out.split('\n').length >= 3,
    )
    assert.equal(r.code, 0)
    const docs = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l))
    assert.ok(docs.length >= 2)
    for (const d of docs) {
      assert.deepEqual(Object.keys(d), ['time', 'broker', 'queues'])
      assert.equal(d.broker, broker.address)
      assert.ok(!Number.isNaN(Date.parse(d.time)))
      assert.equal(d.queues.length, 1) // qpid-stat's own reply queue
      assert.equal(d.queues[0].autoDelete, true)
    }
  })

  it('a broker that goes away ends the watch with the error line and exit 1', async (t) => {
    const broker = await startBroker(t)
    let killed = false
    const r = await watchUntil(['-b', broker.address, '-g', '--watch=0.2', '-t', '2'], (out) => {
      if (!killed && out.includes('Broker Summary:')) {
        killed = true
        void broker.kill()
      }
      return false
    })
    assert.equal(r.code, 1)
    assert.match(r.stdout, /Failed: ConnectionError - connection aborted\n$/)
  })
})
