// One side of the broker throughput benchmark, run as its own process so client and broker do not
// share an event loop: `send <port> <address> <count> <size> [durable]` or `receive <port> <address> <count>`.
// Plain JavaScript (no tsx start-up in the measurement). Messages are pre-encoded once and handed to
// rhea as raw bytes, to keep the client cheap. Prints {mode, count, ms} (ms from connection open).
import { createRequire } from 'node:module'
import rhea from 'rhea'

// The receiver only counts messages: skip rhea's per-message decode (as a C client would not build
// an object tree either), so the benchmark measures the broker more than the client library.
if (process.argv[2] === 'receive') {
  const require = createRequire(import.meta.url)
  require('rhea/lib/message.js').decode = (b) => b
}

const [mode, portText, address, countText, sizeText, durableText] = process.argv.slice(2)
const port = Number(portText)
const count = Number(countText)
const container = rhea.create_container({ id: `bench-${mode}-${process.pid}` })
const conn = container.connect({ host: '127.0.0.1', port, reconnect: false })
let started = 0n
conn.on('connection_open', () => {
  started = process.hrtime.bigint()
})
const done = () => {
  const ms = Number(process.hrtime.bigint() - started) / 1e6
  process.stdout.write(`${JSON.stringify({ mode, count, ms })}\n`)
  conn.close()
  setTimeout(() => process.exit(0), 50)
}

if (mode === 'send') {
  const body = Buffer.alloc(Number(sizeText), 0x61)
  const payload = rhea.message.encode({ durable: durableText === 'durable', body: rhea.message.data_section(body) })
  const sender = conn.open_sender({ target: { address } })
  let sent = 0
  let confirmed = 0
  const pump = () => {
    while (sent < count && sender.sendable()) {
      sender.send(payload, undefined, 0)
      sent++
    }
  }
  sender.on('sendable', pump)
  sender.on('accepted', () => {
    if (++confirmed === count) done()
  })
  sender.on('rejected', (ctx) => {
    process.stderr.write(`rejected: ${JSON.stringify(ctx.delivery.remote_state)}\n`)
    process.exit(1)
  })
} else {
  const receiver = conn.open_receiver({ source: { address }, credit_window: 2000, autoaccept: true })
  let got = 0
  receiver.on('message', () => {
    if (++got === count) done()
  })
}
