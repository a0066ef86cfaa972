// Ctrl-C in every tool (issue 9 item 10, docs/compat.md): a tool blocked on a broker that never
// answers (a SIGSTOPped qpidd-ref: the kernel still accepts the connection) exits 130 on SIGINT,
// after the empty line qpid-config and qpid-stat printed, so a script can tell it from success.
import assert from 'node:assert/strict'
import { execFileSync, spawn } from 'node:child_process'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { ROOT, type RunningBroker, startBroker } from '../../helpers/broker.js'
import { waitFor } from '../../helpers/ha-cluster.js'

let broker: RunningBroker
before(async () => {
  broker = await startBroker(undefined, { args: ['--ha-cluster', 'yes'] })
  process.kill(broker.pid, 'SIGSTOP')
})
after(async () => {
  if (broker) process.kill(broker.pid, 'SIGCONT')
  await broker?.stop()
})

/** Whether process `pid` has an established TCP connection to the broker's port. */
function connected(pid: number): boolean {
  const out = execFileSync('ss', ['-Htnp', 'state', 'established', `( dport = :${broker.port} )`], { encoding: 'utf8' })
  return out.includes(`pid=${pid},`)
}

async function interrupted(bin: string, args: string[]) {
  const child = spawn(process.execPath, [join(ROOT, 'bin', `${bin}.js`), ...args], { stdio: ['pipe', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    stdout += d
  })
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    stderr += d
  })
  const closed = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  )
  try {
    await waitFor(`${bin} to connect`, () => connected(child.pid!), 8000)
    child.kill('SIGINT')
    return { ...(await closed), stdout, stderr }
  } finally {
    child.kill('SIGKILL')
  }
}

describe('Ctrl-C while waiting for a hung broker exits 130', () => {
  const cases: Array<[string, (address: string) => string[]]> = [
    ['qpid-config', (a) => ['-b', a, 'queues']],
    ['qpid-stat', (a) => ['-b', a, '-q']],
    ['qpid-ha', (a) => ['status', '-b', a]],
    ['qpid-route', (a) => ['link', 'list', a]],
  ]
  for (const [bin, args] of cases) {
    it(bin, async () => {
      const r = await interrupted(bin, args(broker.address))
      assert.deepEqual(r, { code: 130, signal: null, stdout: '\n', stderr: '' })
    })
  }
})
