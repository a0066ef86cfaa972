// --auth yes: SASL PLAIN checked against --sasl-users; identities carry the realm as qpidd shows them.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { startBroker } from '../../helpers/broker.js'
import { close, connect, plain, qmfSession, queryClass } from '../../helpers/rhea-client.js'

function usersFile(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'users-'))
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  const f = join(dir, 'users')
  writeFileSync(f, '# user:password\nadmin:secret\nguest:guest\n')
  return f
}

test('PLAIN with good credentials is accepted and reported as user@QPID', async (t) => {
  const b = await startBroker(t, { args: ['--auth', 'yes', '--sasl-users', usersFile(t)] })
  const conn = await connect(b.port, { username: 'admin', password: 'secret' })
  const q = await qmfSession(conn)
  const conns = (await queryClass(q, 'connection')).map(
    (o) => plain((o as { _values: unknown })._values) as Record<string, unknown>,
  )
  assert.equal(conns.length, 1)
  assert.equal(conns[0].authIdentity, 'admin@QPID')
  assert.equal(conns[0].saslMechanism, 'PLAIN')
  await close(conn)
})

test('bad passwords and anonymous clients are refused', async (t) => {
  const b = await startBroker(t, { args: ['--auth=yes', '--sasl-users', usersFile(t)] })
  await assert.rejects(connect(b.port, { username: 'admin', password: 'wrong' }))
  await assert.rejects(connect(b.port, { username: 'nobody', password: 'x' }))
  await assert.rejects(connect(b.port, { sasl_mechanisms: ['ANONYMOUS'] } as never))
  await assert.rejects(connect(b.port))
  // still serving valid users
  await close(await connect(b.port, { username: 'guest', password: 'guest' }))
})

test('--auth no trusts everyone: ANONYMOUS and PLAIN (any password) both work', async (t) => {
  const b = await startBroker(t)
  await close(await connect(b.port, { username: 'someone', password: 'anything' }))
  await close(await connect(b.port))
})
