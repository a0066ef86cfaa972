// qpid-config against a qpidd-ref that requires SASL PLAIN (--auth yes): credentials come from
// the address (`user/password@host:port`); a refusal is the AuthenticationFailure line.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { startBroker } from '../../helpers/broker.js'
import { config, failed, ok } from '../../helpers/config.js'

describe('qpid-config with authentication', () => {
  it('user/password from the address; wrong or missing credentials are an AuthenticationFailure', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'qpid-config-auth-'))
    t.after(() => rmSync(dir, { recursive: true, force: true }))
    writeFileSync(join(dir, 'users'), 'admin:secret\n')
    const broker = await startBroker(t, { args: ['--auth', 'yes', '--sasl-users', join(dir, 'users')] })
    const as = (creds: string) => `${creds}@${broker.address}`
    assert.deepEqual(await config(as('admin/secret'), 'add', 'queue', 'auth-q'), ok())
    assert.deepEqual(
      await config(as('admin/secret'), '--sasl-mechanism', 'PLAIN', 'queues', 'auth-q'),
      ok('Queue Name  Attributes\n===================================\nauth-q      \n'),
    )
    const refused = failed('Failed: AuthenticationFailure: Authentication failed')
    assert.deepEqual(await config(as('admin/wrong'), 'queues'), refused)
    assert.deepEqual(await config(broker, 'queues'), refused)
  })
})
