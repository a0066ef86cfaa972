// What --dry-run prints (not in the originals, docs/compat.md): one line saying what a destructive
// command would do, or why the broker would refuse it, from facts the tool gathered; and the
// question asked on a terminal before a change that destroys messages or stops a broker.

export interface Preview {
  /** The line --dry-run prints: `would ...`. */
  line: string
  /** Whether the change would go through (--dry-run exits 0), or the broker would refuse it (1). */
  ok: boolean
}

/** A preview and, when the change destroys messages or stops a broker, the question to ask first. */
export interface Plan {
  preview: Preview
  question?: string
}

/** `1 message`, `1,234 messages`. */
export function count(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`
}

const would = (line: string): Preview => ({ line: `would ${line}`, ok: true })
const fails = (why: string): Preview => ({ line: `would fail: ${why}`, ok: false })

export interface QueueFacts {
  messages: number
  consumers: number
  /** Where its messages go when it is deleted; empty for none (they are dropped). */
  alternateExchange: string
}

/** `del queue` with the original's if_empty / if_unused guards (cleared by the --force options). */
export function queueDeletion(
  name: string,
  q: QueueFacts | undefined,
  guards: { ifEmpty: boolean; ifUnused: boolean },
): Plan {
  if (!q) return { preview: fails(`queue ${name} does not exist`) }
  if (guards.ifEmpty && q.messages > 0) {
    return {
      preview: fails(
        `queue ${name} holds ${count(q.messages, 'message')} (--force or --force-if-not-empty deletes it anyway)`,
      ),
    }
  }
  if (guards.ifUnused && q.consumers > 0) {
    return {
      preview: fails(
        `queue ${name} has ${count(q.consumers, 'consumer')} (--force or --force-if-used deletes it anyway)`,
      ),
    }
  }
  const rerouted = q.messages > 0 && q.alternateExchange ? ` (rerouted to exchange ${q.alternateExchange})` : ''
  return {
    preview: would(
      `delete queue ${name} holding ${count(q.messages, 'message')}${rerouted}, ${count(q.consumers, 'consumer')}`,
    ),
    question:
      q.messages > 0 ? `Delete queue ${name} and the ${count(q.messages, 'message')} it holds${rerouted}?` : undefined,
  }
}

export interface ExchangeFacts {
  type: string
  bindings: number
  /** Queues and exchanges that name it as their alternate exchange (the broker refuses then). */
  alternateOf: string[]
}

export function exchangeDeletion(name: string, ex: ExchangeFacts | undefined): Plan {
  if (name === '') return { preview: fails('the default exchange cannot be deleted') }
  if (!ex) return { preview: fails(`exchange ${name} does not exist`) }
  if (ex.alternateOf.length > 0) {
    return { preview: fails(`exchange ${name} is the alternate exchange of ${ex.alternateOf.join(', ')}`) }
  }
  return { preview: would(`delete ${ex.type} exchange ${name} and its ${count(ex.bindings, 'binding')}`) }
}

/** `del <type> <name>` for any other object type. */
export function objectDeletion(type: string, name: string, exists: boolean): Plan {
  return { preview: exists ? would(`delete ${type} ${name}`) : fails(`no ${type} named ${name}`) }
}

export interface BindingFacts {
  exchange: boolean
  queue: boolean
  bound: boolean
}

export function unbinding(exchange: string, queue: string, key: string, f: BindingFacts): Plan {
  if (exchange === '') return { preview: fails('bindings to the default exchange cannot be removed') }
  if (!f.queue) return { preview: fails(`queue ${queue} does not exist`) }
  if (!f.exchange) return { preview: fails(`exchange ${exchange} does not exist`) }
  const how = `exchange ${exchange} with key '${key}'`
  if (!f.bound) return { preview: { line: `would change nothing: queue ${queue} is not bound to ${how}`, ok: true } }
  return { preview: would(`unbind queue ${queue} from ${how}`) }
}

export interface BrokerFacts {
  messages: number
  /** Queues that hold messages. */
  queues: number
  /** Client connections other than the tool's own. */
  connections: number
}

export function brokerShutdown(address: string, b: BrokerFacts): Plan {
  const held = b.messages === 0 ? 'no messages' : `${count(b.messages, 'message')} in ${count(b.queues, 'queue')}`
  const what = `${held}, ${count(b.connections, 'other connection')}`
  return {
    preview: would(`shut down the broker at ${address} (${what})`),
    question: `Shut down the broker at ${address} (${what})?`,
  }
}

export interface Member {
  address: string
  /** Its HA status, or undefined when it could not be asked. */
  status?: string
}

const PRIMARY = ['active', 'recovering']

/** The first member that is primary: a promotion next to it makes two primaries. */
export function otherPrimary(others: readonly Member[]): Member | undefined {
  return others.find((m) => m.status !== undefined && PRIMARY.includes(m.status))
}

/**
 * qpid-ha promote of the broker at `address` in state `status`, with the other members' states (the
 * broker's own rules: ha-module.ts promote) and the tool's split-brain refusal unless `force`.
 */
export function promotion(address: string, status: string, others: readonly Member[], force: boolean): Plan {
  if (PRIMARY.includes(status)) {
    return { preview: { line: `would change nothing: ${address} is already primary (${status})`, ok: true } }
  }
  if (status === 'catchup') return { preview: fails(`${address} is still catching up and cannot be promoted`) }
  const primary = otherPrimary(others)
  if (primary && !force) {
    return {
      preview: fails(
        `${address} is not promoted while ${primary.address} is ${primary.status} (two primaries lose data; --force promotes anyway)`,
      ),
    }
  }
  if (status === 'joining' && others.some((m) => m.status !== undefined && m.status !== '' && m.status !== 'joining')) {
    return { preview: fails(`${address} is joining an active cluster and cannot be promoted`) }
  }
  if (primary) {
    return {
      preview: would(
        `promote ${address} (${status}) to primary while ${primary.address} is ${primary.status}: two primaries lose data`,
      ),
      question: `${primary.address} is ${primary.status}: promote ${address} anyway? Two primaries lose data.`,
    }
  }
  return { preview: would(`promote ${address} (${status}) to primary`) }
}

/** What qpid-ha switchover found: the primary, the backup to take over, and how far behind it is. */
export interface SwitchoverFacts {
  primary: string
  target: string
  targetStatus: string
  /** Fully replicated queues compared, and those the target is behind on (`name: messages`). */
  queues: number
  behind: readonly string[]
  lagMessages: number
}

/** qpid-ha switchover --to: only a ready backup with nothing missing takes over. */
export function switchover(f: SwitchoverFacts): Plan {
  if (f.targetStatus !== 'ready') {
    return { preview: fails(`${f.target} is ${f.targetStatus}, not ready: it cannot take over from ${f.primary}`) }
  }
  if (f.lagMessages > 0) {
    return {
      preview: fails(
        `${f.target} lags ${count(f.lagMessages, 'message')} on ${count(f.behind.length, 'queue')} (${f.behind.join(', ')})`,
      ),
    }
  }
  return {
    preview: would(
      `stop primary ${f.primary} (shutdown) and promote ${f.target} (ready, lag 0 on ${count(f.queues, 'queue')})`,
    ),
    question: `Stop primary ${f.primary} and promote ${f.target}? Clients wait until ${f.target} is active.`,
  }
}
