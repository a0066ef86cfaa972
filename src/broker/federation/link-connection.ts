// Opens a federation link's outgoing AMQP 1.0 connection to the host and port the link names, with
// the shared dialling rules (protocol/connection.ts).
import type { Connection, Container } from 'rhea'
import { dialOptions } from '../../protocol/connection.js'

export interface LinkEndpoint {
  host: string
  port: number
  /** SASL mechanism asked for by the link's creator; empty lets the broker choose. */
  authMechanism: string
  username: string
  password: string
}

/** Why the link may not connect at all, or undefined when it may. */
export function refusal(ep: LinkEndpoint): string | undefined {
  const mech = ep.authMechanism.toUpperCase()
  if (mech && !['PLAIN', 'ANONYMOUS'].includes(mech)) return `Unsupported SASL mechanism: ${ep.authMechanism}`
  return undefined
}

/** Starts connecting; the caller listens for the connection's events. */
export function openLinkConnection(container: Container, ep: LinkEndpoint, heartbeatMs: number): Connection {
  return container.connect(
    dialOptions({
      host: ep.host,
      port: ep.port,
      user: ep.username || undefined,
      password: ep.password,
      saslMechanism: ep.authMechanism || undefined,
      properties: { 'qpid.federation-link': true },
      heartbeatMs,
    }),
  )
}
