import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { PythonError } from '../../src/protocol/errors.js'
import { headerLine, present, redraw, stampLine } from '../../src/render/watch-frame.js'
import { reconnecting, watch } from '../../src/services/watch.js'

const at = new Date(Date.UTC(2026, 10, 25, 1, 2, 3, 456))
const ctx = { first: true, at, intervalS: 2 }
const gone = { error: { line: 'Failed: ConnectionError - gone', type: 'ConnectionError', message: 'gone' } }

describe('watch presentation', () => {
  it('redraws in place: home, each line clears its tail, the rest of the screen is cleared', () => {
    assert.equal(redraw('a\nbb\n', false), '\x1b[Ha\x1b[K\nbb\x1b[K\n\x1b[J')
    assert.equal(redraw('a\n', true), '\x1b[2J\x1b[Ha\x1b[K\n\x1b[J')
  })
  it('on a terminal, a header with the interval and the local time of the refresh comes first', () => {
    assert.match(headerLine(at, 0.5), /^Every 0\.5 s, last refresh \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\n$/)
    assert.equal(present('tty', { text: 'Queues\n' }, ctx), redraw(`${headerLine(at, 2)}\nQueues\n`, true))
  })
  it('stamps piped snapshots with a UTC time line', () => {
    assert.equal(stampLine(at), '--- 2026-11-25T01:02:03Z ---\n')
    assert.equal(present('log', { text: 'Queues\n' }, ctx), '--- 2026-11-25T01:02:03Z ---\nQueues\n')
  })
  it('turns a JSON snapshot into one line with its time first', () => {
    assert.equal(
      present('json-lines', { text: '{\n  "broker": "h:1",\n  "queues": []\n}\n' }, { ...ctx, at: new Date(0) }),
      '{"time":"1970-01-01T00:00:00.000Z","broker":"h:1","queues":[]}\n',
    )
  })
  it('a failed refresh shows the error line and the age of the last good data in every mode', () => {
    const lastGood = { text: 'Queues\n', at: new Date(at.getTime() - 4250) }
    assert.equal(
      present('log', gone, { ...ctx, lastGood }),
      '--- 2026-11-25T01:02:03Z ---\nFailed: ConnectionError - gone\nLast good data: 2026-11-25T01:01:59Z, 4.3 s old\n',
    )
    assert.equal(
      present('log', gone, ctx),
      '--- 2026-11-25T01:02:03Z ---\nFailed: ConnectionError - gone\nNo good data yet\n',
    )
    assert.deepEqual(JSON.parse(present('json-lines', gone, { ...ctx, lastGood })), {
      time: at.toISOString(),
      error: { type: 'ConnectionError', message: 'gone' },
      lastGood: { time: lastGood.at.toISOString(), ageSeconds: 4.3 },
    })
    assert.equal(JSON.parse(present('json-lines', gone, ctx)).lastGood, null)
    // the terminal keeps the old data on the screen below the error, marked with its age
    const tty = present('tty', gone, { ...ctx, lastGood })
    assert.match(
      tty,
      /Failed: ConnectionError - gone\x1b\[K\nShowing the data of .*, 4\.3 s old:\x1b\[K\n\x1b\[K\nQueues\x1b\[K\n/,
    )
    assert.match(present('tty', gone, ctx), /No data yet\./)
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
      { intervalS: 0.001, mode: 'log', signal: stop.signal, write: (t) => out.push(t), errorLine: String },
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
      intervalS: 0.001,
      mode: 'tty',
      signal: stop.signal,
      write: (t) => out.push(t),
      errorLine: String,
    })
    stop.abort()
    await pending
    assert.deepEqual(out, [])
  })
  it('goes on after a failing frame, showing the error with the last good data', async () => {
    const stop = new AbortController()
    const out: string[] = []
    let n = 0
    await watch(
      async () => {
        n++
        if (n === 4) stop.abort()
        if (n === 2) throw new PythonError('Timeout', 'slow')
        return `frame ${n}\n`
      },
      {
        intervalS: 0.001,
        mode: 'log',
        signal: stop.signal,
        write: (t) => out.push(t),
        errorLine: (e) => `Failed: ${(e as PythonError).pythonClass} - ${(e as Error).message}`,
      },
    )
    assert.deepEqual(
      out.map((t) => t.split('\n').slice(1, -1)),
      [['frame 1'], ['Failed: Timeout - slow', out[1].split('\n')[2]], ['frame 3']],
    )
    assert.match(out[1], /\nLast good data: .*Z, \d+(\.\d)? s old\n$/)
  })
  it('reconnecting: a failure drops the connection and the next frame connects again', async () => {
    const closed: number[] = []
    let connects = 0
    let fail = false
    const src = reconnecting(
      async () => {
        const id = ++connects
        return { id, close: () => closed.push(id) }
      },
      async (c) => {
        if (fail) throw new Error('lost')
        return `on ${c.id}`
      },
    )
    assert.equal(await src.frame(), 'on 1')
    assert.equal(await src.frame(), 'on 1')
    fail = true
    await assert.rejects(src.frame(), /lost/)
    fail = false
    assert.equal(await src.frame(), 'on 2')
    src.close()
    assert.deepEqual(closed, [1, 2])
  })
})
