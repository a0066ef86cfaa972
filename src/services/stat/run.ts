// qpid-stat's run: connect with the tool's options, show the chosen view once or under --watch,
// and turn any failure into the original's `Failed: <Class> - <message>` (stdout, exit 1); under
// --watch a failure is shown and the watch goes on.
import { noteBroker } from '../../cli/json-output.js'
import { type BrokerUrl, hostPort, parseBrokerUrl } from '../../protocol/url.js'
import type { BrokerAgent } from '../../qmf/console.js'
import type { JsonValue } from '../../render/json.js'
import type { Snapshot } from '../../render/stat-view.js'
import { connectConsole, deadlineMs, failedDashLine, noteJsonFailure, withConsole } from '../broker-call.js'
import { reconnecting, watchStdout } from '../watch.js'
import { type StatRequest, statSnapshot } from './snapshot.js'

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
  return run.watchSeconds === undefined ? showOnce(run) : watchView(run, run.watchSeconds)
}

function connection(run: StatRun, url: BrokerUrl): () => Promise<BrokerAgent> {
  return () =>
    connectConsole({
      url,
      clientProcess: 'qpid-stat',
      timeoutMs: deadlineMs(run.timeout),
      saslMechanism: run.saslMechanism,
      haAdmin: run.haAdmin,
    })
}

function renderer(run: StatRun, url: BrokerUrl): (s: Snapshot) => string {
  return run.json ? jsonText(hostPort(url)) : (s) => s.text
}

function showOnce(run: StatRun): Promise<number> {
  let url: BrokerUrl | undefined
  return withConsole(
    () => {
      url = parseBrokerUrl(run.broker)
      noteBroker(hostPort(url))
      return connection(run, url)()
    },
    async (agent) => {
      process.stdout.write(renderer(run, url as BrokerUrl)(await statSnapshot(agent, run.request)))
      return 0
    },
    failedDashLine,
  )
}

/** Only a bad broker address ends a watch before it starts; every later failure is shown and watched through. */
async function watchView(run: StatRun, seconds: number): Promise<number> {
  let url: BrokerUrl
  try {
    url = parseBrokerUrl(run.broker)
    noteBroker(hostPort(url))
  } catch (err) {
    noteJsonFailure(err)
    process.stdout.write(`${failedDashLine(err)}\n`)
    return 1
  }
  const render = renderer(run, url)
  const source = reconnecting(connection(run, url), async (agent) => render(await statSnapshot(agent, run.request)))
  try {
    await watchStdout(source.frame, { seconds, json: run.json ?? false, errorLine: failedDashLine })
  } finally {
    source.close()
  }
  return 0
}

function jsonText(broker: string) {
  return (s: Snapshot): string => `${JSON.stringify({ broker, ...s.json } as { [k: string]: JsonValue }, null, 2)}\n`
}
