// qpid-stat --watch through the real executable: piped snapshots with timestamp lines, JSON
// lines, a clean exit 0 on Ctrl-C (SIGINT), and refreshes that fail (broker killed, or stopped
// with SIGSTOP) without ending the watch, piped and on a terminal. Waits are bounded by conditions.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { ROOT, startBroker } from '../../helpers/broker.js'
import { openTerminal, plain } from '../../helpers/terminal.js'
import { startPiped, suspend } from '../../helpers/watcher.js'

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

  it('a broker killed and restarted: the refreshes fail with the error and the age of the last good data, then it is seen again', async (t) => {
    const broker = await startBroker(t)
    const w = startPiped(t, 'qpid-stat', ['-b', broker.address, '-g', '--watch=0.2', '-t', '2'])
    await w.waitFor('a first snapshot', (out) => out.includes('Broker Summary:'))
    await broker.kill()
    await w.waitFor('two failed refreshes', (out) => (out.match(/^Failed: /gm) ?? []).length >= 2)
    const again = await startBroker(t, { port: broker.port })
    t.after(() => again.stop())
    await w.waitFor('a snapshot after the failures', (out) => afterLastFailure(out).includes('Broker Summary:'))
    assert.equal(await w.interrupt(), 0)
    assert.equal(w.stderr(), '')
    const failures = [...w.stdout().matchAll(/^Failed: (.*)\n(.*)\n/gm)]
    assert.equal(failures[0][1], 'ConnectionError - connection aborted')
    assert.ok(
      failures.some((f) => f[1] === 'ConnectError - [Errno 111] Connection refused'),
      w.stdout(),
    )
    for (const f of failures) assert.match(f[2], /^Last good data: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ, \d+(\.\d)? s old$/)
  })

  it('piped: a broker stopped for 2 s (SIGSTOP) fails refreshes past -t, and the watch goes on after SIGCONT', async (t) => {
    const broker = await startBroker(t)
    const w = startPiped(t, 'qpid-stat', ['-b', broker.address, '-e', '--watch=0.2', '-t', '1'])
    await w.waitFor('a first snapshot', (out) => out.includes('Exchanges'))
    const stoppedAt = Date.now()
    const resume = suspend(t, broker.pid)
    await w.waitFor('a failed refresh', (out) => /^Failed: Timeout - no response from broker within 1 s$/m.test(out))
    await new Promise((r) => setTimeout(r, Math.max(0, 2000 - (Date.now() - stoppedAt))))
    resume()
    await w.waitFor('a snapshot after SIGCONT', (out) => afterLastFailure(out).includes('\nExchanges\n'))
    assert.equal(await w.interrupt(), 0)
    assert.match(
      w.stdout(),
      /^Failed: Timeout - no response from broker within 1 s\nLast good data: .*Z, \d+(\.\d)? s old\n/m,
    )
  })

  it('piped --json: a failed refresh is a JSON line with the error and the last good data', async (t) => {
    const broker = await startBroker(t)
    const w = startPiped(t, 'qpid-stat', ['-b', broker.address, '-q', '--json', '--watch=0.2', '-t', '1'])
    await w.waitFor('a first snapshot', (out) => out.includes('"queues"'))
    const resume = suspend(t, broker.pid)
    await w.waitFor('a failed refresh', (out) => out.includes('"error"'))
    resume()
    await w.waitFor('a snapshot after SIGCONT', (out) => out.slice(out.lastIndexOf('"error"')).includes('"queues"'))
    assert.equal(await w.interrupt(), 0)
    const docs = w
      .stdout()
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l))
    const failed = docs.find((d) => 'error' in d)
    assert.deepEqual(Object.keys(failed), ['time', 'error', 'lastGood'])
    assert.deepEqual(failed.error, { type: 'Timeout', message: 'no response from broker within 1 s' })
    assert.ok(failed.lastGood.ageSeconds >= 1 && Date.parse(failed.lastGood.time) < Date.parse(failed.time))
  })

  it('on a terminal: a header with the interval and time, the error above the old data, and Ctrl-C ends it with 0', async (t) => {
    const broker = await startBroker(t)
    const term = openTerminal(t, 'qpid-stat', ['-b', broker.address, '-e', '--watch=0.2', '-t', '1'])
    const header = /Every 0\.2 s, last refresh \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\n\n/
    await term.waitFor('a first frame', (out) => new RegExp(`${header.source}Exchanges\n`).test(plain(out)))
    const resume = suspend(t, broker.pid)
    await term.waitFor('a failed refresh', (out) => plain(out).includes('Showing the data of'))
    resume()
    await term.waitFor('a frame after SIGCONT', (out) =>
      new RegExp(`${header.source}Exchanges\n`).test(afterLastFailure(plain(out))),
    )
    term.type('\x03')
    assert.equal(await term.exited, 0)
    assert.match(
      plain(term.output()),
      new RegExp(
        `${header.source}Failed: Timeout - no response from broker within 1 s\nShowing the data of [-\\d: ]+, \\d+(\\.\\d)? s old:\n\nExchanges\n`,
      ),
    )
  })
})

/** What was printed after the last failed refresh. */
function afterLastFailure(out: string): string {
  return out.slice(out.lastIndexOf('Failed: '))
}
