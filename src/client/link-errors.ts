// Which link errors end a sender or receiver, and which only end the current broker connection.
// The broker refusing the address or the user cannot be cured by another broker of the same
// cluster; anything else (no error, a forced detach while the broker shuts down) is treated like
// a lost connection and answered with a failover.
const FATAL = new Set([
  'amqp:not-found',
  'amqp:unauthorized-access',
  'amqp:not-allowed',
  'amqp:not-implemented',
  'amqp:invalid-field',
  'amqp:decode-error',
  'amqp:precondition-failed',
])

export function isFatalLinkError(error: unknown): boolean {
  const condition = (error as { condition?: string } | undefined)?.condition
  return condition !== undefined && FATAL.has(condition)
}
