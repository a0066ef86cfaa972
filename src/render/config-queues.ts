// `qpid-config queues [filter]` (tools.md §1.4.3).
import { type QmfMap, type QmfObject, refName } from '../protocol/qmf-types.js'
import { ljust, matches, pyStrValue } from './config-text.js'

const CAPTION = 'Queue Name'

// Arguments shown through their own option (in this order), not as `--argument k=v`.
const SHOWN_AS_OPTIONS: Array<[string, string]> = [
  ['qpid.file_size', '--file-size'],
  ['qpid.file_count', '--file-count'],
  ['qpid.efp_partition_num', '--efp-partition-num'],
  ['qpid.efp_pool_file_size', '--efp-pool-file-size'],
  ['qpid.wcache-page-size', '--wcache-page-size'],
  ['qpid.wcache-num-pages', '--wcache-num-pages'],
  ['qpid.max_size', '--max-queue-size'],
  ['qpid.max_count', '--max-queue-count'],
]
const FLOW: Array<[string, string]> = [
  ['qpid.flow_stop_size', '--flow-stop-size'],
  ['qpid.flow_resume_size', '--flow-resume-size'],
  ['qpid.flow_stop_count', '--flow-stop-count'],
  ['qpid.flow_resume_count', '--flow-resume-count'],
]
const SPECIAL_ARGS = new Set([
  ...SHOWN_AS_OPTIONS.map(([k]) => k),
  ...FLOW.map(([k]) => k),
  'qpid.policy_type',
  'qpid.last_value_queue_key',
  'qpid.msg_sequence',
  'qpid.ive',
  'qpid.group_header_key',
  'qpid.shared_msg_group',
  'qpid.replicate',
])

/** The attributes the original prints for a queue, then its other arguments as `--argument k=v`. */
export function queueAttributes(q: QmfObject): { options: string[]; extra: string[] } {
  const args = (q.values.arguments ?? {}) as QmfMap
  const v = (k: string) => pyStrValue(args[k])
  const options: string[] = []
  if (q.values.durable) options.push('--durable')
  if ('qpid.replicate' in args) options.push(`--replicate=${v('qpid.replicate')}`)
  if (q.values.autoDelete) options.push('auto-del')
  if (q.values.exclusive) options.push('excl')
  for (const [k, opt] of SHOWN_AS_OPTIONS) if (k in args) options.push(`${opt}=${v(k)}`)
  if ('qpid.policy_type' in args) options.push(`--limit-policy=${v('qpid.policy_type').replaceAll('_', '-')}`)
  if ('qpid.last_value_queue_key' in args) options.push(`--lvq-key=${v('qpid.last_value_queue_key')}`)
  const alt = refName(q.values.altExchange)
  if (alt) options.push(`--alternate-exchange=${alt}`)
  for (const [k, opt] of FLOW) if (k in args) options.push(`${opt}=${v(k)}`)
  if ('qpid.group_header_key' in args) options.push(`--group-header=${v('qpid.group_header_key')}`)
  if (args['qpid.shared_msg_group'] === 1) options.push('--shared-groups')
  const extra = Object.keys(args)
    .filter((k) => !SPECIAL_ARGS.has(k))
    .map((k) => `--argument ${k}=${v(k)}`)
  return { options, extra }
}

/** The listing's lines, or undefined when no queue matches the filter (the tool then exits 1). */
export function renderQueues(queues: readonly QmfObject[], filter: string): string[] | undefined {
  const shown = queues.filter((q) => matches(String(q.values.name ?? ''), filter))
  if (shown.length === 0) return undefined
  const width = Math.max(CAPTION.length, ...shown.map((q) => [...String(q.values.name)].length))
  const lines = [`${ljust(CAPTION, width)}  Attributes`, '='.repeat(5 * (Math.floor(width / 5) + 5))]
  for (const q of shown) {
    const { options, extra } = queueAttributes(q)
    // Python 2 `print x,` spacing: each attribute after a space, then one more space and the extras.
    lines.push(`${ljust(String(q.values.name), width)} ${options.map((o) => ` ${o}`).join('')} ${extra.join(' ')}`)
  }
  return lines
}
