// How an HA broker dials another (replication links and status checks): the shared dialling rules
// of protocol/connection.ts, with the HA credentials (--ha-username/--ha-password) as PLAIN, or
// ANONYMOUS without a password.
import type { ConnectionOptions } from 'rhea'
import { dialOptions } from '../../protocol/connection.js'
import type { QpidAddress } from '../../protocol/url.js'

export interface HaCredentials {
  user?: string
  password?: string
}

export function haDialOptions(
  address: QpidAddress,
  credentials: HaCredentials,
  properties: Record<string, unknown>,
  heartbeatMs?: number,
): ConnectionOptions {
  const { user, password } = credentials
  return dialOptions({
    host: address.host,
    port: address.port,
    user,
    password,
    saslMechanism: user && password ? 'PLAIN' : 'ANONYMOUS',
    properties,
    heartbeatMs,
  })
}
