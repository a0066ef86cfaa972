// Interprets the qpidd queue arguments this broker implements. The arguments map itself is kept
// verbatim on the queue (QMF `arguments`); this is only the typed view of the recognised keys.

export type PolicyType = 'reject' | 'ring' | 'self-destruct'

export class QueueSettingsError extends Error {}

export interface QueueSettings {
  maxCount: number
  maxSize: number
  policy: PolicyType
  lvqKey?: string
  priorities: number
  flowStopCount: number
  flowResumeCount: number
  flowStopSize: number
  flowResumeSize: number
}

function num(args: Record<string, unknown>, key: string): number {
  const v = args[key]
  if (v === undefined || v === null || v === '') return 0
  const n = typeof v === 'bigint' ? Number(v) : Number(typeof v === 'object' ? String(v) : v)
  if (!Number.isFinite(n) || n < 0)
    throw new QueueSettingsError(`invalid-argument: Value for ${key} is not a valid number: ${String(v)}`)
  return Math.floor(n)
}

/** qpidd default-flow-stop-threshold 80 %, resume 70 % of the limits when flow args are absent. */
export function parseQueueSettings(args: Record<string, unknown>): QueueSettings {
  const maxCount = num(args, 'qpid.max_count')
  const maxSize = num(args, 'qpid.max_size')
  const p = args['qpid.policy_type'] === undefined ? 'reject' : String(args['qpid.policy_type'])
  if (p !== 'reject' && p !== 'ring' && p !== 'self-destruct')
    throw new QueueSettingsError(`invalid-argument: Invalid value for qpid.policy_type: ${p}`)
  const lvq = args['qpid.last_value_queue_key']
  const priorities = num(args, 'qpid.priorities')
  if (lvq !== undefined && priorities > 0)
    throw new QueueSettingsError(
      'invalid-argument: Cannot specify qpid.last_value_queue_key and qpid.priorities for the same queue',
    )
  const has = (k: string) => args[k] !== undefined
  return {
    maxCount,
    maxSize,
    policy: p,
    lvqKey: lvq === undefined ? undefined : String(lvq),
    priorities: Math.min(priorities, 10),
    flowStopCount: has('qpid.flow_stop_count') ? num(args, 'qpid.flow_stop_count') : Math.floor(maxCount * 0.8),
    flowResumeCount: has('qpid.flow_resume_count') ? num(args, 'qpid.flow_resume_count') : Math.floor(maxCount * 0.7),
    flowStopSize: has('qpid.flow_stop_size') ? num(args, 'qpid.flow_stop_size') : Math.floor(maxSize * 0.8),
    flowResumeSize: has('qpid.flow_resume_size') ? num(args, 'qpid.flow_resume_size') : Math.floor(maxSize * 0.7),
  }
}

/** qpidd PriorityQueue level mapping: the top `levels` priorities get their own level. */
export function priorityLevel(priority: number, levels: number): number {
  const first = 10 - levels
  const p = Math.min(priority, 9)
  return p <= first ? 0 : Math.min(p - first, levels - 1)
}
