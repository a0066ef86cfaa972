// What `qpid-ha status` prints when it prints (no --is-primary/--expect): the status word, or with
// --all one line per member of the brokers URL; and the same, refreshed, under --watch.
import { statusAllJson, statusJson } from '../../render/ha-json.js'
import { statusFailure, statusLine, statusWord } from '../../render/ha-status.js'
import { jsonText } from '../../render/json.js'
import { watchStdout } from '../watch.js'
import { clusterAddresses, errorLine, type HaFlags, openHa, queryAll, type Target } from './brokers.js'

export async function statusText(flags: HaFlags & { all?: boolean; json?: boolean }, target: Target): Promise<string> {
  const { agent, ha } = await openHa(target)
  agent.close()
  const addresses = clusterAddresses(String(ha.values.brokersUrl ?? ''))
  if (!flags.all || addresses.length === 0) {
    return flags.json ? jsonText(statusJson(target.label, ha)) : `${statusWord(ha)}\n`
  }
  const results = await queryAll(addresses, flags, target)
  if (flags.json) return jsonText(statusAllJson(target.label, results))
  return results
    .map((r) => ('ha' in r ? statusLine(r.address, r.ha) : statusFailure(r.address, r.error.message)))
    .join('')
}

/** `status [--all] --watch`: every refresh asks afresh (new connections), so a member that comes back is seen. */
export async function watchStatus(
  flags: HaFlags & { all?: boolean; json?: boolean },
  target: Target,
  seconds: number,
): Promise<void> {
  await watchStdout(() => statusText(flags, target), {
    seconds,
    json: flags.json ?? false,
    errorLine: (err) => errorLine(err).trimEnd(),
  })
}
