import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { present, redraw, stampLine } from '../../../src/render/stat-watch-frame.js'
import { watch } from '../../../src/services/stat/watch.js'

describe('watch presentation', () => {
  it('redraws in place: home, each line clears its tail, the rest of the screen is cleared', () => {
    assert.equal(redraw('a\nbb\n', false), '\x1b[Ha\x1b[K\nbb\x1b[K\n\x1b[J')
    assert.equal(redraw('a\n', true), '\x1b[2J\x1b[Ha\x1b[K\n\x1b[J')
  })
  it('stamps piped snapshots with a UTC time line', () => {
    const at = new Date(Date.UTC(2026, 10, 25, 1, 2, 3, 456))
    assert.equal(stampLine(at), '--- 2026-11-25T01:02:03Z ---\n')
    assert.equal(present('log', 'Queues\n', true, at), '--- 2026-11-25T01:02:03Z ---\nQueues\n')
  })
  it('turns a JSON snapshot into one line with its time first', () => {
    const at = new Date(Date.UTC(2026, 0, 1))
    assert.equal(
      present('json-lines', '{\n  "broker": "h:1",\n  "queues": []\n}\n', false, at),
      '{"time":"2026-01-01T00:00:00.000Z","broker":"h:1","queues":[]}\n',
    )
  })
})

describe('watch loop', () => {
  it('shows frames until aborted and returns without error', async () => {
    const stop = new AbortController()
    const out: string[] = []
    let n = 0
    await watch(
      async () => {
        n++
        if (n === 3) stop.abort()
        return `frame ${n}\n`
      },
      { intervalMs: 1, mode: 'log', signal: stop.signal, write: (t) => out.push(t) },
    )
    assert.equal(n, 3)
    assert.deepEqual(
      out.map((t) => t.split('\n')[1]),
      ['frame 1', 'frame 2'],
    )
  })
  it('drops a frame still in flight when aborted', async () => {
    const stop = new AbortController()
    const out: string[] = []
    const pending = watch(() => new Promise<string>(() => {}), {
      intervalMs: 1,
      mode: 'tty',
      signal: stop.signal,
      write: (t) => out.push(t),
    })
    stop.abort()
    await pending
    assert.deepEqual(out, [])
  })
  it('rejects with the error of a failing frame', async () => {
    const stop = new AbortController()
    await assert.rejects(
      watch(() => Promise.reject(new Error('gone')), {
        intervalMs: 1,
        mode: 'tty',
        signal: stop.signal,
        write: () => {},
      }),
      /gone/,
    )
  })
})
