// bin/qpid-cluster.js: one command brings up a promoted 3-broker cluster, prints commands that run
// as printed, restarts a member on request (SIGUSR1 when piped, `restart N` typed on a terminal),
// and stops every broker it started, restarted ones included (SIGTERM, Ctrl-C). A spinner turns
// on a terminal only: the piped output has no escape codes.
import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { it, type TestContext } from 'node:test'
import { ROOT } from '../../helpers/broker.js'
import { outputWaiter } from '../../helpers/output-waiter.js'
import { closedPort } from '../../helpers/ports.js'
import { openTerminal, plain } from '../../helpers/terminal.js'

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function clusterArgs(t: TestContext) {
  const ports = [await closedPort(), await closedPort(), await closedPort()]
  const dir = mkdtempSync(join(tmpdir(), 'qpid-cluster-'))
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  return {
    ports,
    dir,
    addresses: ports.map((p) => `127.0.0.1:${p}`),
    args: ['--ports', ports.join(','), '--data-dir', dir],
  }
}

/** The member pids the banner lists, in member order. */
const memberPids = (out: string) => [...out.matchAll(/\d=127\.0\.0\.1:\d+ \(pid (\d+)\)/g)].map((m) => Number(m[1]))

/** Every broker pid the launcher ever showed is stopped when the test ends, whatever happened. */
function stopPidsAfter(t: TestContext, pids: () => number[]) {
  t.after(() => {
    for (const pid of pids())
      if (alive(pid)) {
        process.kill(pid, 'SIGCONT')
        process.kill(pid, 'SIGKILL')
      }
  })
}

/** Runs the tool lines of the banner with bash, from `cwd`, exactly as printed; returns their outputs. */
function runPrinted(out: string, cwd: string): string[] {
  const block = out.slice(out.indexOf('Manage it with the tools'), out.indexOf('\nMembers:'))
  const lines = block
    .split('\n')
    .slice(1)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('kill ') && !l.includes(' promote '))
  assert.equal(lines.length, 4, block)
  return lines.map((line) => {
    const r = spawnSync('bash', ['-c', line], { cwd, encoding: 'utf8', timeout: 15000 })
    assert.equal(r.status, 0, `${line}\n${r.stdout}${r.stderr}`)
    return r.stdout
  })
}

it('piped: starts, prints commands that run as printed, restarts a killed member on SIGUSR1, stops all on SIGTERM', async (t) => {
  const { addresses: a, args, dir } = await clusterArgs(t)
  // started from another directory: the printed commands name the tools by absolute path
  const child = spawn(process.execPath, [join(ROOT, 'bin/qpid-cluster.js'), ...args], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  t.after(() => child.kill('SIGKILL'))
  let out = ''
  let err = ''
  const seen: number[] = []
  stopPidsAfter(t, () => seen)
  const waiter = outputWaiter(() => `stdout: ${out}\nstderr: ${err}`)
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    out += d
    waiter.seen()
  })
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    err += d
    waiter.seen()
  })
  const waitFor = (what: string, test: () => boolean, ms = 30000) => waiter.waitFor(what, test, ms)
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)))
  await waitFor('cluster', () => out.includes('Press Ctrl-C'))
  const pids = memberPids(out)
  seen.push(...pids)
  assert.equal(pids.length, 3, out)
  assert.ok(out.includes(`${a[0]} active\n${a[1]} ready\n${a[2]} ready\n`), out)
  assert.ok(!out.includes('\x1b'), 'no spinner or escape codes in a pipe')
  assert.ok(out.includes(`$ ${join(ROOT, 'bin/qpid-ha.js')} status -b ${a[0]} --all\n`), out)
  assert.ok(out.includes(`kill -9 ${pids[0]}     # the primary fails`), out)
  assert.ok(out.includes(`To restart member N, kill -USR1 ${child.pid} restarts every member that exited.\n`), out)
  const [status] = runPrinted(out, dir)
  assert.equal(status, `${a[0]} active\n${a[1]} ready\n${a[2]} ready\n`)

  process.kill(pids[2], 'SIGKILL')
  await waitFor('exit notice', () =>
    err.includes(
      `qpid-cluster: member 3 (${a[2]}) exited (SIGKILL); to start it again, kill -USR1 ${child.pid} restarts every member that exited\n`,
    ),
  )
  child.kill('SIGUSR1')
  const restarted = new RegExp(`^member 3 \\(${a[2]}\\) restarted: pid (\\d+), ready$`, 'm')
  await waitFor('restart', () => restarted.test(out))
  const newPid = Number(restarted.exec(out)![1])
  seen.push(newPid)
  assert.ok(alive(newPid) && newPid !== pids[2])

  child.kill('SIGTERM')
  assert.equal(await exited, 0)
  assert.ok(out.endsWith('All brokers stopped.\n'), out)
  assert.deepEqual([...pids.slice(0, 2), newPid].map(alive), [false, false, false])
})

it('on a terminal: a spinner while members become ready, `restart 2` typed, Ctrl-C stops every broker including the restarted one', async (t) => {
  const { addresses: a, args } = await clusterArgs(t)
  // `npm run cluster` runs it from the clone: the printed commands are bin/... paths relative to it
  const term = openTerminal(t, 'qpid-cluster', args)
  const seen: number[] = []
  stopPidsAfter(t, () => seen)
  await term.waitFor('cluster', (o) => o.includes('Press Ctrl-C'), 30000)
  const out = plain(term.output())
  const pids = memberPids(out)
  seen.push(...pids)
  assert.ok(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] Waiting for/.test(out), 'the spinner turned')
  assert.ok(out.includes('✔ Cluster ready\n'), out)
  assert.ok(out.includes(`$ bin/qpid-ha.js status -b ${a[0]} --all\n`), out)
  assert.ok(out.includes("To restart member N, type 'restart N' here"), out)
  runPrinted(out, ROOT)

  term.type('restart 2\r')
  const restarted = new RegExp(`member 2 \\(${a[1]}\\) restarted: pid (\\d+), ready\n`)
  await term.waitFor('restart', (o) => restarted.test(plain(o)), 30000)
  const newPid = Number(restarted.exec(plain(term.output()))![1])
  seen.push(newPid)
  assert.ok(alive(newPid) && newPid !== pids[1] && !alive(pids[1]))
  term.type('nonsense\r')
  await term.waitFor('help', (o) => plain(o).includes("commands: 'restart N'"))

  term.type('\x03')
  assert.equal(await term.exited, 0)
  assert.ok(plain(term.output()).endsWith('All brokers stopped.\n'), term.output())
  assert.deepEqual([pids[0], newPid, pids[2]].map(alive), [false, false, false])
})
