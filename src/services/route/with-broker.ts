// How a qpid-route command reaches its brokers: which of the words names the managed ("local")
// broker and which the remote one (tools.md §4.3), the connection with the tool's options, and
// the original's error handler: any exception prints `Failed: <Class> - <message>` (stdout), exit 1
// (services/broker-call.ts).

import { noteBroker } from '../../cli/json-output.js'
import { PythonError } from '../../protocol/errors.js'
import type { QmfConsole } from '../../protocol/qmf-types.js'
import { type BrokerUrl, hostPort, parseBrokerUrl } from '../../protocol/url.js'
import type { BrokerAgent } from '../../qmf/console.js'
import { connectConsole, deadlineMs, failedDashLine, withConsole } from '../broker-call.js'
import type { RouteFlags } from './flags.js'

export interface RouteContext {
  agent: QmfConsole
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

export function connect(url: BrokerUrl, flags: Partial<RouteFlags>): Promise<BrokerAgent> {
  const timeoutMs = deadlineMs(flags.timeout)
  return connectConsole({
    url,
    clientProcess: 'qpid-route',
    timeoutMs,
    saslMechanism: flags['client-sasl-mechanism'],
    haAdmin: flags['ha-admin'],
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
export function withLocalBroker(
  flags: RouteFlags,
  words: string[],
  body: (ctx: RouteContext) => Promise<number>,
): Promise<number> {
  const { local: localText, remote } = brokerWords(words, flags['src-local'])
  let local: BrokerUrl
  return withConsole(
    () => {
      local = parseBrokerUrl(localText)
      noteBroker(hostPort(local))
      return connect(local, flags)
    },
    (agent) => body({ agent, local, remoteText: remote, flags, words }),
    failedDashLine,
  )
}
