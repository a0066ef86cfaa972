// A broker whose parent went away (a killed test runner, a closed terminal) writes its logs into
// broken pipes. It must neither spin on the EPIPE errors nor ignore SIGTERM.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { test } from 'node:test'
import { ROOT } from '../../helpers/broker.js'
import { run } from '../../helpers/run.js'

/** CPU time (user + system) the process has used, in ms. */
function cpuMs(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
  return (Number(f[11]) + Number(f[12])) * 10
}

test('logs into broken pipes: no busy loop, and SIGTERM still stops it', async (t) => {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'bin/qpidd-ref.js'), '--port', '0', '--no-data-dir', '--log-enable', 'debug+'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  t.after(() => child.kill('SIGKILL'))
  const port = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve))
  // the parent's ends of both pipes go away; every later log line meets EPIPE
  child.stdout!.destroy()
  child.stderr!.destroy()
  for (let i = 0; i < 3; i++) assert.equal((await run('qpid-config', ['-b', `127.0.0.1:${port}`, 'queues'])).code, 0)
  const before = cpuMs(child.pid!)
  await new Promise((r) => setTimeout(r, 1000))
  assert.ok(cpuMs(child.pid!) - before < 300, `the broker kept burning CPU: ${cpuMs(child.pid!) - before} ms in 1 s`)
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
  assert.equal(await exited, 0, 'SIGTERM did not stop the broker within 5 s')
  clearTimeout(timer)
})
