// Failover time under Pacemaker as a client sees it: a real three-node cluster in namespaces
// (test/helpers/netns-cluster.ts) running the clone and VIP of docs/pacemaker.md, a sender that
// knows only the VIP, kill -9 of the primary's broker. Measured from the kill, on one clock: the
// monitor's failure, the promotion's end and the VIP's start (from Pacemaker's logs), the sender's
// reconnection and its first message confirmed after it (by the new primary: the old one is dead).
// Every round's messages are then received through the VIP, each number at least once.
// Run (root): npm run build && node --import tsx bench/pacemaker-failover.ts   (BENCH_ROUNDS, default 5;
// BENCH_LOG_DIR keeps the nodes' Pacemaker logs)
import { copyFileSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from '../test/helpers/broker.js'
import { waitFor } from '../test/helpers/ha-cluster.js'
import { type NetnsCluster, netnsClusterUnavailable, startNetnsCluster } from '../test/helpers/netns-cluster.js'
import { configureQpiddClone, type QpiddClone, VIP_ADDRESS } from '../test/helpers/qpidd-clone.js'
import { run } from '../test/helpers/run.js'
import { machineLine, median, writeSection } from './bench-doc.js'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
const RATE = 1000
const MESSAGES = 8000
const RETRY_MAX_S = 0.2

interface Round {
  detectedMs: number
  promotedMs: number
  vipMs: number
  reconnectedMs: number
  firstConfirmMs: number
  resent: number
  /** Duplicates the receiver saw + those its client filtered out, e.g. "0+17". */
  duplicates: string
}

/** Epoch ms of the first log line after `since` (Pacemaker's "Mon DD HH:MM:SS.mmm", local time). */
function logTime(cluster: NetnsCluster, pattern: RegExp, since: number): number {
  const year = new Date(since).getFullYear()
  const times = cluster.nodes.flatMap((n) =>
    readFileSync(n.log, 'utf8')
      .split('\n')
      .filter((l) => pattern.test(l))
      .map((l) => new Date(`${l.slice(0, 6)} ${year} ${l.slice(7, 19)}`).getTime()),
  )
  const after = times.filter((t) => t >= since - 5).sort((a, b) => a - b)
  if (after.length === 0) throw new Error(`no ${pattern} in Pacemaker's logs after the kill`)
  return after[0]
}

async function round(cluster: NetnsCluster, clone: QpiddClone, n: number): Promise<Round> {
  await waitFor('one active and two ready brokers', clone.oneActiveTwoReady, 90000)
  const first = await clone.primary()
  await waitFor('the VIP on the primary', () => clone.vipOn(first), 30000)
  const queue = `fo-${n}`
  const add = await run('qpid-config', ['-b', VIP_ADDRESS, 'add', 'queue', queue, '--replicate', 'all'], {
    netns: cluster.lan,
  })
  if (add.code !== 0) throw new Error(add.stderr)
  const args = ['-b', VIP_ADDRESS, '-a', queue, '-m', String(MESSAGES), '--rate', String(RATE), '--heartbeat', '1']
  const sender = cluster.spawnInLan(process.execPath, [
    join(ROOT, 'bin/qpid-ref-send.js'),
    ...args,
    '--reconnect-interval-min',
    '0.02',
    '--reconnect-interval-max',
    String(RETRY_MAX_S),
    '--report-every',
    '1',
  ])
  let killedAt = Number.POSITIVE_INFINITY
  let reconnectedAt = 0
  let firstConfirmAt = 0
  let confirmed = 0
  let summary = ''
  sender.stdout?.setEncoding('utf8').on('data', (d: string) => {
    const now = Date.now()
    for (const line of d.split('\n')) {
      if (line.startsWith('confirmed ')) {
        confirmed++
        if (reconnectedAt && !firstConfirmAt) firstConfirmAt = now
      } else if (line.startsWith('sent ')) summary = line
    }
  })
  sender.stderr?.setEncoding('utf8').on('data', (d: string) => {
    if (Date.now() > killedAt && / after [\d.]+ s/.test(d)) reconnectedAt ||= Date.now()
  })
  const exited = new Promise<number | null>((resolve) => sender.once('exit', resolve))
  await waitFor('2 s of confirmed traffic', () => confirmed >= 2 * RATE, 30000)

  killedAt = Date.now()
  process.kill(clone.brokerPid(cluster.nodes[first]), 'SIGKILL')
  await waitFor('a message confirmed after the reconnection', () => firstConfirmAt > 0, 60000)
  if ((await exited) !== 0) throw new Error(`qpid-ref-send exited non-zero: ${summary}`)
  const received = await run('qpid-ref-receive', ['-b', VIP_ADDRESS, '-a', queue, '-m', String(MESSAGES)], {
    netns: cluster.lan,
    timeoutMs: 60000,
  })
  if (!/^missing: none$/m.test(received.stdout)) throw new Error(`messages lost: ${received.stdout}`)
  const duplicates = /duplicates (\d+) \((\d+) more filtered by the client\)/.exec(received.stdout)
  const second = await clone.primary()
  const node = cluster.nodes[second]?.name ?? '?'
  return {
    // a monitor that runs while the broker dies may time out instead: "promoted (failed)"
    detectedMs:
      logTime(
        cluster,
        new RegExp(
          `Result of monitor operation for qpidd on ${cluster.nodes[first].name}: (not running|promoted \\(failed\\))`,
        ),
        killedAt,
      ) - killedAt,
    promotedMs:
      logTime(cluster, new RegExp(`Result of promote operation for qpidd on ${node}: ok`), killedAt) - killedAt,
    vipMs: logTime(cluster, new RegExp(`Result of start operation for qpid-vip on ${node}: ok`), killedAt) - killedAt,
    reconnectedMs: reconnectedAt - killedAt,
    firstConfirmMs: firstConfirmAt - killedAt,
    resent: Number(/re-sent after failover (\d+)/.exec(summary)?.[1] ?? Number.NaN),
    duplicates: duplicates ? `${duplicates[1]}+${duplicates[2]}` : '?',
  }
}

async function main(): Promise<void> {
  const why = netnsClusterUnavailable()
  if (why) {
    console.error(`bench/pacemaker-failover.ts: cannot run here: ${why}`)
    process.exit(2)
  }
  const cluster = await startNetnsCluster(3)
  const rounds: Round[] = []
  try {
    const clone = await configureQpiddClone(cluster)
    for (let i = 0; i < ROUNDS; i++) {
      const r = await round(cluster, clone, i)
      console.log(`round ${i + 1}`, JSON.stringify(r))
      rounds.push(r)
    }
  } finally {
    // BENCH_LOG_DIR=dir keeps each node's Pacemaker log, to see where a failover's time went
    const keep = process.env.BENCH_LOG_DIR
    if (keep) for (const n of cluster.nodes) copyFileSync(n.log, join(keep, `${n.name}.log`))
    await cluster.stop()
  }
  const cell = (pick: (r: Round) => number) =>
    `${rounds.map((r) => pick(r).toFixed(0)).join(' / ')} | ${median(rounds.map(pick)).toFixed(0)}`
  const table = [
    '| from kill -9 of the primary, ms | per round | median |',
    '|---|---|---:|',
    `| Pacemaker's monitor reports it not running | ${cell((r) => r.detectedMs)} |`,
    `| a ready backup promoted (agent's promote done) | ${cell((r) => r.promotedMs)} |`,
    `| the VIP started on the new primary's node | ${cell((r) => r.vipMs)} |`,
    `| the sender reconnected through the VIP | ${cell((r) => r.reconnectedMs)} |`,
    `| **first message confirmed by the new primary** | **${cell((r) => r.firstConfirmMs)}** |`,
  ].join('\n')
  console.log(table)
  const promoteMs = median(rounds.map((r) => r.promotedMs - r.detectedMs))
  const body = `## HA failover under Pacemaker as a client sees it (qpidd-ref, ocf/qpidd, VIP)

${machineLine()}.
Command: \`npm run build && node --import tsx bench/pacemaker-failover.ts\` (root; ${ROUNDS} rounds in one cluster).
Three Pacemaker 2.1.5 / Corosync 3.1.7 nodes on this machine, each a network and mount namespace of its own
(test/helpers/netns-cluster.ts), configured as docs/pacemaker.md says (test/helpers/qpidd-clone.ts): monitor
of the primary every 1 s, of the backups every 3 s, \`monitor_timeout=2\`, \`migration-threshold=1
failure-timeout=10s\`, brokers with \`--link-heartbeat-interval 2\`. Each round: one active and two ready; a
fresh \`--replicate all\` queue; one \`qpid-ref-send\` given only the VIP (${RATE} msg/s, unsettled, heartbeat 1 s,
reconnect retry 0.02-${RETRY_MAX_S} s); after 2 s of traffic, \`kill -9\` of the primary's broker; times from the
kill, Pacemaker's from its log lines. Every round's ${MESSAGES} messages were then received through the VIP, none
missing (re-sent after the failover: ${rounds.map((r) => r.resent).join(', ')}; duplicates delivered + filtered
by the receiving client: ${rounds.map((r) => r.duplicates).join(', ')}).
From the detection to the end of the promotion (VIP stopped, old instance demoted and stopped, the agent's
promote: \`qpid-ha status --all\`, \`qpid-ha promote\`, \`qpid-ha status\`, each a tool's start-up on a machine
whose 2 cores run all three nodes): median ${promoteMs.toFixed(0)} ms. qpidd's documented default link
heartbeat is 120 s; the ideal cluster manager without Pacemaker is the client-failover section above.

${table}
`
  writeSection('pacemaker-failover', body)
}

main().catch((e) => {
  console.error((e as Error).message)
  process.exit(1)
})
