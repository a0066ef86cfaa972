// The OCF resource agent ocf/qpidd with its actions called directly, as Pacemaker would call them:
// Debian's ocf-tester, then a scripted life of a three-member cluster (scores, promotion, a refused
// second promotion, a crashed and a hung primary, demotion, stop). Needs Debian's resource-agents.
import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { type TestContext, test } from 'node:test'
import { ROOT } from '../../helpers/broker.js'
import { waitFor } from '../../helpers/ha-cluster.js'
import { AGENT, agentSandbox, alive, OCF, OCF_SHELLFUNCS, runAgent, runCommand } from '../../helpers/pacemaker.js'
import { closedPort } from '../../helpers/ports.js'
import { realQpidd, realQpiddMissing } from '../../helpers/real-qpidd.js'

const missing = existsSync(OCF_SHELLFUNCS)
  ? undefined
  : `${OCF_SHELLFUNCS} is missing: install Debian's resource-agents (bash .ci/run does)`

// Short intervals so that backups find the primary and notice its death quickly.
const EXTRA_ARGS = '--link-maintenance-interval 0.1 --link-heartbeat-interval 2'

test('ocf-tester passes the agent (one-member cluster)', { skip: missing, timeout: 120000 }, async (t) => {
  const ocfTester = '/usr/sbin/ocf-tester'
  if (!existsSync(ocfTester)) return t.skip(`${ocfTester} is missing (Debian's resource-agents)`)
  const port = await closedPort()
  const box = agentSandbox({})
  t.after(() => box.cleanUp())
  const params = {
    brokers_url: `127.0.0.1:${port}`,
    port: String(port),
    interface: '127.0.0.1',
    data_dir: join(box.dir, 'data'),
    pidfile: join(box.dir, 'tester.pid'),
    monitor_timeout: '2',
    extra_args: EXTRA_ARGS,
  }
  const r = await runCommand(
    ocfTester,
    ['-v', '-n', 'qpidd-tester', ...Object.entries(params).flatMap(([k, v]) => ['-o', `${k}=${v}`]), AGENT],
    { HA_SBIN_DIR: box.env(0).HA_SBIN_DIR, OCF_RESKEY_crm_feature_set: '3.16.2' },
    100000,
  )
  assert.equal(r.code, 0, r.stdout + r.stderr)
  assert.match(r.stdout, /passed all tests/)
  assert.equal(existsSync(params.pidfile), false, 'the last stop removed the pid file')
  assert.ok(r.stdout.includes('Testing: promote'), 'ocf-tester found the promotable-clone actions')
})

test('shellcheck finds nothing in the agent', async (t) => {
  const shellcheck = '/usr/bin/shellcheck'
  if (!existsSync(shellcheck)) return t.skip(`${shellcheck} is missing (Debian's shellcheck)`)
  const r = await runCommand(shellcheck, ['--external-sources', AGENT])
  assert.equal(r.code, 0, r.stdout + r.stderr)
})

test('validate-all refuses a configuration without brokers_url', { skip: missing }, async () => {
  const r = await runAgent('validate-all', { OCF_RESKEY_port: '5672' })
  assert.equal(r.code, OCF.ERR_CONFIGURED, r.stdout + r.stderr)
  assert.match(r.stderr, /brokers_url is required/)
})

/**
 * The life of three instances on 127.0.0.1 (one port each). `params` adds to the agent's
 * parameters (the broker binary, its extra arguments, the tools); `env` to its environment.
 */
async function threeInstances(t: TestContext, params: Record<string, string>, env: NodeJS.ProcessEnv = {}) {
  const ports = [await closedPort(), await closedPort(), await closedPort()]
  const box = agentSandbox({
    brokers_url: ports.map((p) => `127.0.0.1:${p}`).join(','),
    address_from_instance: 'true',
    monitor_timeout: '3',
    extra_args: EXTRA_ARGS,
    ...params,
  })
  t.after(() => box.cleanUp())
  const act = async (i: number, action: string, expected: number) => {
    const r = await runAgent(action, { ...env, ...box.env(i) })
    assert.equal(r.code, expected, `${action} of instance ${i}: ${r.stdout}${r.stderr}`)
    return r
  }
  const monitorScore = async (i: number) => {
    await act(i, 'monitor', OCF.SUCCESS)
    return box.score(i)
  }

  await t.test('start ×3: every broker joins; a brand-new cluster lets a joining broker be promoted', async () => {
    for (const i of [0, 1, 2]) await act(i, 'start', OCF.SUCCESS)
    for (const i of [0, 1, 2]) assert.equal(await monitorScore(i), 5)
    const binary = params.binary ?? join(ROOT, 'bin/qpidd-ref.js')
    for (const i of [0, 1, 2])
      assert.ok(
        readFileSync(`/proc/${box.pid(i)}/cmdline`, 'utf8')
          .split('\0')
          .includes(binary),
        `broker ${i} runs ${binary}`,
      )
  })

  await t.test('promote one: it is the promoted instance; the others become ready and eligible', async () => {
    await act(0, 'promote', OCF.SUCCESS)
    await act(0, 'monitor', OCF.RUNNING_PROMOTED)
    assert.equal(box.score(0), 1000)
    for (const i of [1, 2]) await waitFor(`instance ${i} ready`, async () => (await monitorScore(i)) === 100)
  })

  await t.test('promoting another while a primary answers is refused', async () => {
    const r = await act(1, 'promote', OCF.ERR_GENERIC)
    assert.match(
      r.stderr,
      new RegExp(`refusing to promote 127\\.0\\.0\\.1:${ports[1]}: 127\\.0\\.0\\.1:${ports[0]} is already the primary`),
    )
    assert.equal(await monitorScore(1), 100, 'still a ready backup')
  })

  await t.test('kill -9 of the primary: not running, no score; a ready backup is promoted', async () => {
    const pid = box.pid(0)
    process.kill(pid, 'SIGKILL')
    await waitFor('the primary to be gone', () => !alive(pid))
    await act(0, 'monitor', OCF.NOT_RUNNING)
    assert.equal(box.score(0), undefined)
    assert.equal(await monitorScore(1), 100, 'a backup of a dead primary stays ready')
    await act(1, 'promote', OCF.SUCCESS)
    await act(1, 'monitor', OCF.RUNNING_PROMOTED)
  })

  await t.test('the crashed broker restarts and rejoins as a ready backup', async () => {
    await act(0, 'start', OCF.SUCCESS)
    await waitFor('instance 0 ready again', async () => (await monitorScore(0)) === 100)
  })

  await t.test('a hung primary (SIGSTOP) is a failed promoted instance within the monitor timeout', async () => {
    const pid = box.pid(1)
    process.kill(pid, 'SIGSTOP')
    try {
      const started = Date.now()
      const r = await act(1, 'monitor', OCF.FAILED_PROMOTED)
      assert.match(r.stderr, /did not answer qpid-ha status within 3s/)
      assert.ok(Date.now() - started < 12000, `monitor took ${Date.now() - started} ms`)
    } finally {
      process.kill(pid, 'SIGCONT')
    }
  })

  await t.test('demote restarts the primary as a backup', async () => {
    const before = box.pid(1)
    await act(1, 'demote', OCF.SUCCESS)
    assert.notEqual(box.pid(1), before)
    assert.equal(alive(before), false)
    await act(1, 'monitor', OCF.SUCCESS)
  })

  await t.test('stop ×3 by pid file, twice', async () => {
    const pids = [0, 1, 2].map((i) => box.pid(i))
    for (const i of [0, 1, 2]) await act(i, 'stop', OCF.SUCCESS)
    for (const [i, pid] of pids.entries()) {
      assert.equal(alive(pid), false, `broker ${i} (pid ${pid}) stopped`)
      assert.equal(existsSync(box.pidfile(i)), false)
      assert.equal(box.score(i), undefined)
    }
    for (const i of [0, 1, 2]) await act(i, 'stop', OCF.SUCCESS)
    for (const i of [0, 1, 2]) await act(i, 'monitor', OCF.NOT_RUNNING)
  })
}

test(
  'three instances: scores, promotion, refusal, crash, hang, demotion, stop',
  { skip: missing, timeout: 120000 },
  (t) => threeInstances(t, {}),
)

const realMissing = missing ?? realQpiddMissing()

test("the same life with the real qpidd (binary=) managed through qpid-tools-ts' qpid-ha", {
  skip: realMissing,
  timeout: 120000,
}, async (t) => {
  const real = realQpidd()
  await threeInstances(t, { binary: real.qpidd, extra_args: [...real.args, EXTRA_ARGS].join(' ') }, real.env)
})

test('the same life with the real qpidd and its own Python qpid-ha (tools_dir=)', {
  skip: realMissing,
  timeout: 120000,
}, async (t) => {
  const real = realQpidd()
  await threeInstances(
    t,
    { binary: real.qpidd, extra_args: [...real.args, EXTRA_ARGS].join(' '), tools_dir: real.toolsDir },
    real.env,
  )
})
