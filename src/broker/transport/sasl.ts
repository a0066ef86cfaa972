// SASL: qpidd offers ANONYMOUS and PLAIN. With --auth no every connection is trusted (PLAIN
// accepts any credentials, identity = the given user name); with --auth yes only PLAIN is offered
// and checked against the users file (`user:password` per line, `#` comments), and authenticated
// identities carry the realm (`guest@QPID`), as qpidd reports them.
import { readFileSync } from 'node:fs'

export function loadUsers(path: string): Map<string, string> {
  const users = new Map<string, string>()
  for (const line0 of readFileSync(path, 'utf8').split('\n')) {
    const line = line0.replace(/#.*$/, '').trim()
    if (!line) continue
    const i = line.indexOf(':')
    if (i <= 0) continue
    users.set(line.slice(0, i), line.slice(i + 1))
  }
  return users
}

/** Strips a realm suffix before checking (`guest@QPID` and `guest` are the same user). */
export function checkPlain(users: Map<string, string>, user: string, password: string, realm: string): boolean {
  const name = user.endsWith(`@${realm}`) ? user.slice(0, -(realm.length + 1)) : user
  const want = users.get(name)
  return want !== undefined && want === password
}
