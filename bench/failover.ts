// Failover time of a qpidd-ref HA cluster as a client sees it: kill -9 of the primary while a
// sender (1000 msg/s) and a receiver run with the failover client on a `--replicate all` queue,
// then `qpid-ha --cluster-manager promote` of a backup that `qpid-ha status` reported ready
// (an ideal cluster manager). Measured from the kill: promote returned, client reconnected to the
// new primary, first message confirmed by it. Every confirmed message must reach the receiver.
// Run: npm run build && node --import tsx bench/failover.ts   (BENCH_ROUNDS, default 3 per row)
import { FailoverConnection, FailoverReceiver, FailoverSender, SequenceTracker } from '../src/client/index.js'
import { HA_BROKER_OBJECT } from '../src/protocol/qmf-request.js'
import { parseBrokerUrl } from '../src/protocol/url.js'
import { BrokerAgent } from '../src/qmf/console.js'
import { clusterWithQueue, promote, waitReady } from '../test/helpers/client-ha.js'
import { suiteScope, waitFor } from '../test/helpers/ha-cluster.js'
import { machineLine, median, writeSection } from './bench-doc.js'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const RATE = 1000

interface Row {
  label: string
  minMs: number
  maxMs: number
  /** `qpid-ha`: the tool as a new process; `qmf`: the promote method on an admin connection opened beforehand. */
  promoter: 'qpid-ha' | 'qmf'
}

// The reconnect settings of the real-qpidd run (golden/perf.md (c)), a faster retry, and the
// faster retry with a cluster manager that does not pay for a process start.
const ROWS: Row[] = [
  { label: 'retry 0.1-0.5 s (as the qpidd run), qpid-ha promote', minMs: 100, maxMs: 500, promoter: 'qpid-ha' },
  { label: 'retry 0.02-0.1 s, qpid-ha promote', minMs: 20, maxMs: 100, promoter: 'qpid-ha' },
  { label: 'retry 0.02-0.1 s, QMF promote on an open admin connection', minMs: 20, maxMs: 100, promoter: 'qmf' },
]

interface Round {
  promoteMs: number
  reconnectMs: number
  firstConfirmMs: number
  lost: number
  filtered: number
  resent: number
}

async function round(row: Row, promoted: 1 | 2): Promise<Round> {
  const scope = suiteScope()
  try {
    const cluster = await clusterWithQueue(scope.t, 'fo-q')
    const urls = cluster.brokers.map((b) => b.address)
    const backup = urls[promoted]
    const options = { urls, reconnectIntervalMinMs: row.minMs, reconnectIntervalMaxMs: row.maxMs, heartbeatMs: 1000 }
    const sendConn = new FailoverConnection({ ...options, clientProcess: 'bench-send' })
    const recvConn = new FailoverConnection({ ...options, clientProcess: 'bench-receive' })
    scope.t.after(() => Promise.all([sendConn.close(), recvConn.close()]))
    const tracker = new SequenceTracker()
    const receiver = new FailoverReceiver(recvConn, { address: 'fo-q' })
    receiver.on('message', (m) => tracker.record(m.message.application_properties?.sn))
    await Promise.all([sendConn.open(), recvConn.open()])
    const sender = new FailoverSender(sendConn, { address: 'fo-q' })

    let killedAt = Number.POSITIVE_INFINITY
    let reconnectedAt = 0
    let firstConfirmAt = 0
    sendConn.on('connected', (e) => {
      if (e.address === backup) reconnectedAt = performance.now()
    })
    const confirmed = new Set<number>()
    let stop = false
    const started = performance.now()
    const sending = (async () => {
      for (let sn = 1; !stop; sn++) {
        await sender.writable()
        const wait = started + (sn * 1000) / RATE - performance.now()
        if (wait > 0) await new Promise((r) => setTimeout(r, wait))
        sender.send({ application_properties: { sn }, body: 'x'.repeat(100) }).then(() => {
          confirmed.add(sn)
          const now = performance.now()
          if (!firstConfirmAt && now > killedAt && sendConn.currentAddress === backup) firstConfirmAt = now
        })
      }
      await sender.settled()
    })()

    await waitFor('2 s of traffic', () => confirmed.size >= 2 * RATE, 20_000)
    await waitReady(backup, 10_000)
    const agent =
      row.promoter === 'qmf'
        ? await BrokerAgent.connect({
            url: parseBrokerUrl(backup),
            haAdmin: true,
            timeoutMs: 5000,
            clientProcess: 'bench',
          })
        : undefined
    killedAt = performance.now()
    process.kill(cluster.brokers[0].pid, 'SIGKILL')
    if (agent) {
      await agent.callMethod(HA_BROKER_OBJECT, 'promote')
      agent.close()
    } else await promote(backup)
    const promotedAt = performance.now()
    await waitFor('a confirmation from the new primary', () => firstConfirmAt > 0, 30_000)
    await new Promise((r) => setTimeout(r, 500))
    stop = true
    await sending
    await waitFor(
      'the receiver to have every confirmed message',
      () => [...confirmed].every((sn) => tracker.has(sn)),
      30_000,
    ).catch(() => {})
    return {
      promoteMs: promotedAt - killedAt,
      reconnectMs: reconnectedAt - killedAt,
      firstConfirmMs: firstConfirmAt - killedAt,
      lost: [...confirmed].filter((sn) => !tracker.has(sn)).length,
      filtered: receiver.duplicatesFiltered,
      resent: sender.resent,
    }
  } finally {
    await scope.stopAll()
  }
}

async function main(): Promise<void> {
  const lines: string[] = []
  for (const row of ROWS) {
    const rounds: Round[] = []
    for (let i = 0; i < ROUNDS; i++) {
      const r = await round(row, i % 2 === 0 ? 1 : 2)
      console.log(row.label, JSON.stringify(r))
      rounds.push(r)
    }
    const cell = (pick: (r: Round) => number) =>
      `${rounds.map((r) => pick(r).toFixed(0)).join(' / ')} (median ${median(rounds.map(pick)).toFixed(0)})`
    lines.push(
      `| ${row.label} | ${cell((r) => r.promoteMs)} | ${cell((r) => r.reconnectMs)} | **${cell((r) => r.firstConfirmMs)}** | ${cell((r) => r.firstConfirmMs - r.promoteMs)} | ${rounds.map((r) => r.lost).join(' / ')} | ${rounds.map((r) => `${r.resent}/${r.filtered}`).join(' , ')} |`,
    )
  }
  const body = `## HA failover time as a client sees it (qpidd-ref + failover client)

${machineLine()}.
Command: \`npm run build && node --import tsx bench/failover.ts\` (${ROUNDS} rounds per row). Each round: a fresh
3-broker cluster, a \`--replicate all\` queue, one sender (${RATE} msg/s, 100 bytes, unsettled) and one receiver using
src/client with every broker in their list, heartbeat 1 s. After 2 s of traffic: \`qpid-ha status\` says the backup is
ready, \`kill -9\` of the primary, at once promotion of that backup: \`qpid-ha --cluster-manager promote\` (a node
process start) or, in the last row, the QMF \`promote\` method on an admin connection opened before the kill.
Times in ms from the kill. Real qpidd 1.40 (golden/perf.md (c)): promote returned +214..294 ms, clients reconnected
+320 ms, sending resumed +328 ms (AMQP 1.0 client) / +885..1863 ms (AMQP 0-10 clients).

| client settings, promotion | promote returned, ms | client reconnected, ms | first confirmed by new primary, ms | of which after promote returned, ms | lost | re-sent / duplicates filtered by the receiver |
|---|---|---|---|---|---|---|
${lines.join('\n')}
`
  console.log(body)
  writeSection('client-failover', body)
}

await main()
process.exit(0)
