// qpid-ref-receive: consumes sequence-numbered messages (application property `sn`) through the
// failover client and reports what arrived twice and what never arrived. Exit 0 only when no
// number is missing.
import type { ClientError } from '../errors.js'
import { FailoverReceiver } from '../failover-receiver.js'
import { formatRanges, rangeCount, SequenceTracker, toRanges } from '../sequence-tracker.js'
import { CONNECTION_HELP, CONNECTION_OPTIONS, count, EXIT, seconds } from './tool-args.js'
import { runClientTool, type ToolRun } from './tool-runner.js'

const NAME = 'qpid-ref-receive'

const OPTIONS = {
  ...CONNECTION_OPTIONS,
  messages: { type: 'string', short: 'm' },
  timeout: { type: 'string' },
  credit: { type: 'string' },
  'report-every': { type: 'string' },
  'report-total': { type: 'boolean' },
} as const

const HELP = `Usage: ${NAME} -b URLS -a ADDRESS [options]

Receives messages numbered by the application property sn and reports duplicated and missing
numbers. Exit status: 0 nothing missing, 1 error, 2 usage, 3 numbers missing, 130/143 signal.

${CONNECTION_HELP}
  -m, --messages N              stop after N different numbers; numbers 1..N are expected
                                [0 = no limit; numbers 1..highest seen are expected]
  --timeout S                   stop after S seconds connected without a message [0 = never]
  --credit N                    messages the broker may send ahead [100]
  --report-every N              print a progress line every N messages
  --report-total                print the overall throughput at the end
`

export function main(argv: string[]): Promise<void> {
  return runClientTool(NAME, argv, OPTIONS, HELP, ({ values, address, connect }) => {
    const expected = count('messages', values.messages, 0)
    const idleMs = seconds('timeout', values.timeout) ?? 0
    const credit = count('credit', values.credit, 100)
    const reportEvery = count('report-every', values['report-every'], 0)
    const conn = connect()
    // Accepting by hand lets the receiver give back what it prefetched beyond -m.
    const receiver = new FailoverReceiver(conn, { address, credit: Math.max(1, credit), autoAccept: false })
    const tracker = new SequenceTracker()
    const started = performance.now()

    let stopped = false
    const finished = new Promise<number>((resolve, reject) => {
      const finish = () => {
        stopped = true
        clearTimeout(idleTimer)
        resolve(missing().length === 0 ? EXIT.ok : EXIT.missing)
      }
      // The idle timeout only runs while connected: during a failover the reconnect timeout rules.
      let idleTimer: NodeJS.Timeout | undefined
      const armIdle = () => {
        clearTimeout(idleTimer)
        if (idleMs > 0) idleTimer = setTimeout(finish, idleMs)
      }
      conn.on('connected', armIdle)
      conn.on('disconnected', () => clearTimeout(idleTimer))
      receiver.on('error', (err: ClientError) => {
        clearTimeout(idleTimer)
        reject(err)
      })
      receiver.on('message', (received) => {
        if (stopped) return received.release()
        tracker.record(received.message.application_properties?.sn)
        received.accept()
        armIdle()
        if (reportEvery > 0 && tracker.received % reportEvery === 0) {
          process.stdout.write(`received ${tracker.received}\n`)
        }
        if (expected > 0 && tracker.distinct >= expected) finish()
      })
    })
    const missing = () => tracker.missing(Math.max(expected, tracker.highest))
    const summary = () => {
      const gaps = missing()
      const dupRanges = toRanges(tracker.duplicated)
      process.stdout.write(
        `received ${tracker.received}, distinct ${tracker.distinct}, duplicates ${tracker.duplicates}` +
          ` (${receiver.duplicatesFiltered} more filtered by the client), invalid ${tracker.invalid}\n`,
      )
      process.stdout.write(`duplicated: ${dupRanges.length ? formatRanges(dupRanges) : 'none'}\n`)
      process.stdout.write(`missing: ${gaps.length ? `${rangeCount(gaps)} (${formatRanges(gaps)})` : 'none'}\n`)
      if (values['report-total']) {
        const secs = (performance.now() - started) / 1000
        const perSec = Math.round(tracker.received / secs)
        process.stdout.write(`total: ${tracker.received} received in ${secs.toFixed(3)} s (${perSec} msg/s)\n`)
      }
    }
    const done = Promise.all([conn.open(), finished]).then(([, code]) => code)
    return { summary, done: done.finally(() => conn.close()) } satisfies ToolRun
  })
}
