// Interop: Debian's python3-qpid-proton (the C Proton engine) against qpidd-ref.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { test } from 'node:test'
import { ROOT, startBroker } from '../helpers/broker.js'

const PYTHON = '/usr/bin/python3'

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(PYTHON, args, { timeout: 30000 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    )
  })
}

test('a Proton client sends, receives and runs QMF requests through qpidd-ref', async (t) => {
  const probe = await run(['-c', 'import proton'])
  assert.equal(
    probe.code,
    0,
    `python3-qpid-proton is required (apt-get install -y python3-qpid-proton): ${probe.stderr}`,
  )
  const b = await startBroker(t)
  const r = await run([join(ROOT, 'test/interop/broker_proton_client.py'), b.address])
  assert.equal(r.code, 0, `${r.stderr}\n${b.stderr()}`)
  const out = JSON.parse(r.stdout.trim())
  assert.deepEqual(out, {
    create: '_method_response',
    received: ['hello-0', 'hello-1', 'hello-2'],
    query: {
      content_type: 'amqp/list',
      name: 'interop-q',
      name_is_bytes: true,
      msgTotalEnqueues: 3,
      msgTotalDequeues: 3,
      durable: true,
    },
    connection_seen: true,
    sasl_mechanisms: ['ANONYMOUS'],
    error: { opcode: '_exception', code: 7, text: 'not-found: Delete failed. No such queue: no-such-queue' },
  })
})
