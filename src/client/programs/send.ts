// qpid-ref-send: sends -m messages numbered by the application property `sn` (1..N) through the
// failover client, at least once each, and exits 0 only when the broker confirmed all of them.
import type { Message } from 'rhea'
import { FailoverSender } from '../failover-sender.js'
import { CONNECTION_HELP, CONNECTION_OPTIONS, count, EXIT } from './tool-args.js'
import { runClientTool, type ToolRun } from './tool-runner.js'

const NAME = 'qpid-ref-send'

const OPTIONS = {
  ...CONNECTION_OPTIONS,
  messages: { type: 'string', short: 'm' },
  'content-size': { type: 'string' },
  rate: { type: 'string' },
  capacity: { type: 'string' },
  durable: { type: 'boolean' },
  'report-every': { type: 'string' },
  'report-total': { type: 'boolean' },
} as const

const HELP = `Usage: ${NAME} -b URLS -a ADDRESS [options]

Sends messages carrying the application property sn = 1..N, at least once each: every message
the broker has not confirmed is sent again after a failover.

${CONNECTION_HELP}
  -m, --messages N              number of messages [1]
  --content-size N              body size in bytes [0]
  --rate N                      messages per second, 0 = as fast as possible [0]
  --capacity N                  most unconfirmed messages at once [1000]
  --durable                     mark messages durable
  --report-every N              print a progress line every N confirmed messages
  --report-total                print the overall throughput at the end
`

export function main(argv: string[]): Promise<void> {
  return runClientTool(NAME, argv, OPTIONS, HELP, ({ values, address, connect }) => {
    const total = count('messages', values.messages, 1)
    const size = count('content-size', values['content-size'], 0)
    const rate = count('rate', values.rate, 0)
    const capacity = count('capacity', values.capacity, 1000)
    const reportEvery = count('report-every', values['report-every'], 0)
    const conn = connect()
    const sender = new FailoverSender(conn, { address, capacity: Math.max(1, capacity) })
    let failovers = 0
    conn.on('connected', (e) => {
      if (e.reconnect) failovers++
    })
    let started = performance.now()
    let sent = 0
    let confirmed = 0
    let lastReport = started
    const body = 'X'.repeat(size)
    const onConfirmed = () => {
      confirmed++
      if (reportEvery > 0 && confirmed % reportEvery === 0) {
        const now = performance.now()
        const perSec = Math.round((reportEvery * 1000) / Math.max(1, now - lastReport))
        lastReport = now
        process.stdout.write(`confirmed ${confirmed} (${perSec} msg/s)\n`)
      }
    }
    const sendAll = async (): Promise<number> => {
      await conn.open()
      started = performance.now()
      lastReport = started
      let refused: unknown
      for (let sn = 1; sn <= total && refused === undefined; sn++) {
        await sender.writable()
        if (rate > 0) await pace(started + ((sn - 1) * 1000) / rate)
        const message: Message = { application_properties: { sn }, body, durable: values.durable === true }
        sender.send(message).then(onConfirmed, (err) => {
          refused ??= err
        })
        sent++
      }
      await sender.settled()
      if (refused !== undefined) throw refused
      return EXIT.ok
    }
    const summary = () => {
      process.stdout.write(
        `sent ${sent}, confirmed ${confirmed}, re-sent after failover ${sender.resent}, failovers ${failovers}\n`,
      )
      if (values['report-total']) {
        const secs = (performance.now() - started) / 1000
        process.stdout.write(
          `total: ${confirmed} confirmed in ${secs.toFixed(3)} s (${Math.round(confirmed / secs)} msg/s)\n`,
        )
      }
    }
    const done = sendAll().finally(() => conn.close())
    return { summary, done } satisfies ToolRun
  })
}

/** Waits until the message's slot in the --rate schedule. */
function pace(at: number): Promise<void> {
  const wait = at - performance.now()
  return wait > 0 ? new Promise((resolve) => setTimeout(resolve, wait)) : Promise.resolve()
}
