// The property maps qpid-config sends with broker `create` (tools.md §1.5-1.6), built from the
// parsed options. Key insertion order follows the original, since it is the order on the wire.
import type { QmfMap, QmfValue } from '../../protocol/qmf-types.js'
import type { ConfigFlags } from './flags.js'

/** `--argument NAME=VALUE` → {NAME: VALUE}: split at the first `=`, integer if it parses as one, null without `=`. */
export function argumentMap(list: readonly string[] | undefined): QmfMap {
  const out: QmfMap = {}
  for (const item of list ?? []) {
    const eq = item.indexOf('=')
    out[eq === -1 ? item : item.slice(0, eq)] = eq === -1 ? null : pythonIntOrString(item.slice(eq + 1))
  }
  return out
}

// Python's int(text): optional whitespace and sign, decimal digits, `_` between digits.
function pythonIntOrString(text: string): QmfValue {
  const m = /^\s*([-+]?)(\d+(?:_\d+)*)\s*$/.exec(text)
  if (!m) return text
  const n = Number(m[2].replaceAll('_', ''))
  return m[1] === '-' ? -n : n
}

type Flags = Partial<ConfigFlags>

// Explicit options are written after the --argument pairs, so they override same-named ones.
function common(props: QmfMap, flags: Flags): QmfMap {
  if (flags['alternate-exchange']) props['alternate-exchange'] = flags['alternate-exchange']
  if (flags.durable) props.durable = 1
  if (flags.replicate) props['qpid.replicate'] = flags.replicate
  return props
}

export function exchangeProperties(flags: Flags): QmfMap {
  const props = argumentMap(flags.argument)
  if (flags.sequence) props['qpid.msg_sequence'] = 1
  if (flags.ive) props['qpid.ive'] = 1
  return common(props, flags)
}

// Store options only matter for a durable queue, and 0 means "broker default" (not sent).
const STORE_OPTIONS: Array<[keyof Flags, string]> = [
  ['file-count', 'qpid.file_count'],
  ['file-size', 'qpid.file_size'],
  ['efp-partition-num', 'qpid.efp_partition_num'],
  ['efp-pool-file-size', 'qpid.efp_pool_file_size'],
  ['wcache-page-size', 'qpid.wcache-page-size'],
  ['wcache-num-pages', 'qpid.wcache-num-pages'],
]

export function queueProperties(flags: Flags): QmfMap {
  const props = argumentMap(flags.argument)
  if (flags.durable) {
    for (const [flag, key] of STORE_OPTIONS) if (flags[flag]) props[key] = flags[flag] as number
  }
  if (flags['max-queue-size'] !== undefined) props['qpid.max_size'] = flags['max-queue-size']
  if (flags['max-queue-count'] !== undefined) props['qpid.max_count'] = flags['max-queue-count']
  // `none` and `ring-strict` are accepted but send nothing, as in the original.
  if (flags['limit-policy'] === 'reject' || flags['limit-policy'] === 'ring') {
    props['qpid.policy_type'] = flags['limit-policy']
  }
  if (flags['lvq-key']) props['qpid.last_value_queue_key'] = flags['lvq-key']
  if (flags['flow-stop-size'] !== undefined) props['qpid.flow_stop_size'] = flags['flow-stop-size']
  if (flags['flow-resume-size'] !== undefined) props['qpid.flow_resume_size'] = flags['flow-resume-size']
  if (flags['flow-stop-count'] !== undefined) props['qpid.flow_stop_count'] = flags['flow-stop-count']
  if (flags['flow-resume-count'] !== undefined) props['qpid.flow_resume_count'] = flags['flow-resume-count']
  if (flags['group-header']) props['qpid.group_header_key'] = flags['group-header']
  if (flags['shared-groups']) props['qpid.shared_msg_group'] = 1
  return common(props, flags)
}
