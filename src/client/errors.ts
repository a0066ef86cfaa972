// One error class for the failover client. `kind` lets the tools pick an exit code and lets
// applications tell a refused message (rejected/released: the broker said no) from a lost
// connection (every broker in the list stayed unreachable past the reconnect timeout).
export type ClientErrorKind = 'connect' | 'auth' | 'link' | 'rejected' | 'released' | 'closed' | 'usage'

export class ClientError extends Error {
  override name = 'ClientError'
  constructor(
    readonly kind: ClientErrorKind,
    message: string,
    /** AMQP error condition, when the broker sent one. */
    readonly condition?: string,
  ) {
    super(message)
  }
}

/** `condition: description` from an AMQP error, or the fallback when the peer sent none. */
export function describeAmqpError(error: unknown, fallback: string): string {
  const e = error as { condition?: string; description?: string } | undefined
  if (!e?.condition) return fallback
  return e.description ? `${e.condition}: ${e.description}` : e.condition
}
