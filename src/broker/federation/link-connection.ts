// Opens a federation link's outgoing AMQP 1.0 connection with the shared dialling rules
// (protocol/connection.ts). qpidd-ref connects only to 127.0.0.1, so a link to any other host is
// refused before a socket is opened.
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

const LOOPBACK = new Set(['127.0.0.1', 'localhost'])

/** Why the link may not connect at all, or undefined when it may. */
export function refusal(ep: LinkEndpoint): string | undefined {
  if (!LOOPBACK.has(ep.host)) return `qpidd-ref federates only with brokers on 127.0.0.1 (not ${ep.host})`
  const mech = ep.authMechanism.toUpperCase()
  if (mech && !['PLAIN', 'ANONYMOUS'].includes(mech)) return `Unsupported SASL mechanism: ${ep.authMechanism}`
  return undefined
}

/** Starts connecting; the caller listens for the connection's events. */
export function openLinkConnection(container: Container, ep: LinkEndpoint, heartbeatMs: number): Connection {
  return container.connect(
    dialOptions({
      host: '127.0.0.1',
      port: ep.port,
      user: ep.username || undefined,
      password: ep.password,
      saslMechanism: ep.authMechanism || undefined,
      properties: { 'qpid.federation-link': true },
      heartbeatMs,
    }),
  )
}
