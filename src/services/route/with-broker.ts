// How a qpid-route command reaches its brokers: which of the words names the managed ("local")
// broker and which the remote one (tools.md §4.3), the connection with the tool's options, and
// the original's error handler: any exception prints `Failed: <Class> - <message>` (stdout), exit 1.

import { PythonError } from '../../protocol/errors.js'
import { type BrokerUrl, parseBrokerUrl } from '../../protocol/url.js'
import { BrokerAgent } from '../../qmf/console.js'
import type { RouteFlags } from './flags.js'

const DEFAULT_TIMEOUT_S = 10

export interface RouteContext {
  agent: BrokerAgent
  local: BrokerUrl
  /** The remote broker's address as given, absent when the words name none. */
  remoteText?: string
  flags: RouteFlags
  /** All positional words: group, command, then the command's arguments. */
  words: string[]
}

/** Local and remote broker words: `-s` swaps them; with only two words the local one is localhost. */
export function brokerWords(words: readonly string[], srcLocal: boolean): { local: string; remote?: string } {
  if (words.length === 2) return { local: 'localhost' }
  if (srcLocal) return { local: words[3], remote: words[2] }
  return { local: words[2], remote: words[3] }
}

/** `--timeout`: the connect deadline in seconds; the original kept its default 10 for 0. */
export function deadlineMs(flags: Partial<RouteFlags>): number {
  return (flags.timeout && flags.timeout > 0 ? flags.timeout : DEFAULT_TIMEOUT_S) * 1000
}

export function connect(url: BrokerUrl, flags: Partial<RouteFlags>): Promise<BrokerAgent> {
  const timeoutMs = deadlineMs(flags)
  return BrokerAgent.connect({
    url,
    saslMechanism: flags['client-sasl-mechanism'],
    haAdmin: flags['ha-admin'],
    timeoutMs,
    replyTimeoutMs: timeoutMs,
    clientProcess: 'qpid-route',
    heartbeatMs: timeoutMs,
  })
}

/** The remote broker's URL; the original failed this way when the words named no remote broker. */
export function remoteUrl(ctx: RouteContext): BrokerUrl {
  if (ctx.remoteText === undefined) {
    throw new PythonError('UnboundLocalError', "local variable 'remoteBroker' referenced before assignment")
  }
  return parseBrokerUrl(ctx.remoteText)
}

/** Connects to the local broker, runs `body`, and returns the exit code. Never throws. */
export async function withLocalBroker(
  flags: RouteFlags,
  words: string[],
  body: (ctx: RouteContext) => Promise<number>,
): Promise<number> {
  let agent: BrokerAgent | undefined
  try {
    const { local: localText, remote } = brokerWords(words, flags['src-local'])
    const local = parseBrokerUrl(localText)
    agent = await connect(local, flags)
    return await body({ agent, local, remoteText: remote, flags, words })
  } catch (err) {
    process.stdout.write(`${failureLine(err)}\n`)
    return 1
  } finally {
    agent?.close()
  }
}

/** The line the original's handler printed for an exception. */
export function failureLine(err: unknown): string {
  if (err instanceof PythonError) return `Failed: ${err.pythonClass} - ${err.message}`
  return `Failed: Exception - ${err instanceof Error ? err.message : String(err)}`
}
