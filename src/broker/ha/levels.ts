// Replication levels and which objects they apply to (ha.md §6.1-6.3). The primary stamps every
// new queue and exchange with its effective level; backups replicate only what carries an explicit
// non-`none` stamp, so built-in exchanges (stamped `none`) and unstamped objects never replicate.

export const LEVELS = ['none', 'configuration', 'all'] as const
export type ReplicationLevel = (typeof LEVELS)[number]

export const REPLICATE_ARG = 'qpid.replicate'
export const UUID_ARG = 'qpid.ha-uuid'
const AUTO_DELETE_TIMEOUT_ARG = 'qpid.auto_delete_timeout'

export class InvalidLevel extends Error {}

export function parseLevel(v: unknown): ReplicationLevel {
  const s = Buffer.isBuffer(v) ? v.toString('utf8') : String(v)
  if ((LEVELS as readonly string[]).includes(s)) return s as ReplicationLevel
  throw new InvalidLevel(`Invalid replication value: ${s}`)
}

export interface QueueTraits {
  arguments: Record<string, unknown>
  exclusive: boolean
  autoDelete: boolean
}

/** The level a new queue gets on a primary: explicit argument, else `none` for temporary queues, else the default. */
export function queueLevel(q: QueueTraits, defaultLevel: ReplicationLevel): ReplicationLevel {
  const explicit = q.arguments[REPLICATE_ARG]
  if (explicit !== undefined) return parseLevel(explicit)
  if (q.exclusive && q.autoDelete && q.arguments[AUTO_DELETE_TIMEOUT_ARG] === undefined) return 'none'
  return defaultLevel
}

export function exchangeLevel(args: Record<string, unknown>, defaultLevel: ReplicationLevel): ReplicationLevel {
  const explicit = args[REPLICATE_ARG]
  return explicit === undefined ? defaultLevel : parseLevel(explicit)
}

/** The level an existing object carries (what backups go by); unstamped = none. */
export function stampedLevel(args: Record<string, unknown>): ReplicationLevel {
  const v = args[REPLICATE_ARG]
  if (v === undefined) return 'none'
  try {
    return parseLevel(v)
  } catch {
    return 'none'
  }
}

/** A binding replicates when both ends replicate and its own arguments do not say `none`. */
export function bindingReplicated(
  exchangeArgs: Record<string, unknown>,
  queueArgs: Record<string, unknown>,
  bindingArgs: Record<string, unknown>,
): boolean {
  if (stampedLevel(exchangeArgs) === 'none' || stampedLevel(queueArgs) === 'none') return false
  const own = bindingArgs[REPLICATE_ARG]
  return own === undefined || String(own) !== 'none'
}
