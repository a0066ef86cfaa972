// HA broker states with qpidd's exact strings (init scripts and qpid-ha match on them) and the
// only legal transitions (ha.md §2.2); anything else is a bug and stops the broker.

export const STATUSES = ['joining', 'catchup', 'ready', 'recovering', 'active', 'standalone'] as const
export type BrokerStatus = (typeof STATUSES)[number]

const LEGAL: ReadonlyArray<[BrokerStatus, BrokerStatus]> = [
  ['standalone', 'joining'],
  ['joining', 'catchup'],
  ['joining', 'recovering'],
  ['catchup', 'ready'],
  ['ready', 'recovering'],
  ['ready', 'catchup'],
  ['recovering', 'active'],
]

export function isLegalTransition(from: BrokerStatus, to: BrokerStatus): boolean {
  return LEGAL.some(([f, t]) => f === from && t === to)
}

export function isBackup(s: BrokerStatus): boolean {
  return s === 'joining' || s === 'catchup' || s === 'ready'
}

/** The numeric value used in member lists (`members[].status`). */
export function statusCode(s: BrokerStatus): number {
  return STATUSES.indexOf(s)
}

export function statusFromCode(n: number): BrokerStatus | undefined {
  return STATUSES[n]
}

export class IllegalTransition extends Error {}
