// qpid-stat's run: connect with the tool's options, show the chosen view once or under --watch,
// and turn any failure into the original's `Failed: <Class> - <message>` (stdout, exit 1).
import { hostPort, parseBrokerUrl } from '../../protocol/url.js'
import type { JsonValue } from '../../render/json.js'
import type { Snapshot } from '../../render/stat-view.js'
import { connectConsole, deadlineMs, failedDashLine, withConsole } from '../broker-call.js'
import { type StatRequest, statSnapshot } from './snapshot.js'
import { watchStdout } from './watch.js'

/** Shortest --watch interval, so that a typo like --watch=0 cannot flood the broker. */
const MIN_WATCH_S = 0.1

export interface StatRun {
  broker: string
  timeout?: number
  saslMechanism?: string
  haAdmin?: boolean
  json?: boolean
  /** Seconds between frames; absent: show the view once. */
  watchSeconds?: number
  request: StatRequest
}

/** Returns the exit code; never throws. */
export function runStat(run: StatRun): Promise<number> {
  if (run.watchSeconds === undefined) process.once('SIGINT', interrupted)
  const timeoutMs = deadlineMs(run.timeout)
  let broker = ''
  return withConsole(
    () => {
      const url = parseBrokerUrl(run.broker)
      broker = hostPort(url)
      return connectConsole({
        url,
        clientProcess: 'qpid-stat',
        timeoutMs,
        saslMechanism: run.saslMechanism,
        haAdmin: run.haAdmin,
      })
    },
    async (agent) => {
      const render = run.json ? jsonText(broker) : (s: Snapshot) => s.text
      const once = async () => render(await statSnapshot(agent, run.request))
      if (run.watchSeconds === undefined) process.stdout.write(await once())
      else await watchStdout(once, Math.max(MIN_WATCH_S, run.watchSeconds), run.json ?? false)
      return 0
    },
    failedDashLine,
  )
}

function jsonText(broker: string) {
  return (s: Snapshot): string => `${JSON.stringify({ broker, ...s.json } as { [k: string]: JsonValue }, null, 2)}\n`
}

/** The original caught KeyboardInterrupt: it printed an empty line and exited with 1. */
function interrupted(): never {
  process.stdout.write('\n')
  process.exit(1)
}
