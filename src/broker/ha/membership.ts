// Cluster membership as the primary publishes it and every backup copies it (ha.md §6.8): one
// entry per broker, keyed by system id, with the broker's own entry carrying its status. All
// status changes go through `setStatus`, which enforces the legal transitions.
import { type BrokerStatus, IllegalTransition, isLegalTransition, statusCode, statusFromCode } from './status.js'

export interface BrokerInfo {
  systemId: string
  protocol: string
  hostName: string
  port: number
  status: BrokerStatus
}

/** The wire form of a member (QMF `members` and the replication protocol). */
export interface MemberRecord {
  'system-id': string
  protocol: string
  'host-name': string
  port: number
  status: number
}

export function toRecord(b: BrokerInfo): MemberRecord {
  return {
    'system-id': b.systemId,
    protocol: b.protocol,
    'host-name': b.hostName,
    port: b.port,
    status: statusCode(b.status),
  }
}

export function fromRecord(r: MemberRecord): BrokerInfo | undefined {
  const status = statusFromCode(Number(r?.status))
  if (!status || typeof r['system-id'] !== 'string') return undefined
  return {
    systemId: r['system-id'],
    protocol: String(r.protocol ?? 'tcp'),
    hostName: String(r['host-name'] ?? ''),
    port: Number(r.port ?? 0),
    status,
  }
}

export function describe(b: BrokerInfo): string {
  return `${b.systemId.slice(0, 8)}@${b.protocol}:${b.hostName}:${b.port}(${b.status})`
}

export class Membership {
  private readonly others = new Map<string, BrokerInfo>()
  /** Called after every change of the list or of our own status. */
  onChange?: () => void
  /** Called after our own status changed. */
  onStatus?: (from: BrokerStatus, to: BrokerStatus) => void
  /** Called for an illegal transition (the broker stops: fail-stop rather than diverge). */
  onIllegal?: (err: IllegalTransition) => void

  constructor(readonly self: BrokerInfo) {}

  get status(): BrokerStatus {
    return this.self.status
  }

  /** Changes our own status; returns false (and reports) when the transition is illegal. */
  setStatus(to: BrokerStatus): boolean {
    const from = this.self.status
    if (from === to) return true
    if (!isLegalTransition(from, to)) {
      this.onIllegal?.(new IllegalTransition(`Illegal state transition: ${from} -> ${to}`))
      return false
    }
    this.self.status = to
    this.onStatus?.(from, to)
    this.onChange?.()
    return true
  }

  add(b: BrokerInfo): void {
    if (b.systemId === this.self.systemId) return
    this.others.set(b.systemId, b)
    this.onChange?.()
  }

  remove(systemId: string): void {
    if (this.others.delete(systemId)) this.onChange?.()
  }

  clearOthers(): void {
    this.others.clear()
  }

  /** Other members whose status is `s`. */
  withStatus(s: BrokerStatus): BrokerInfo[] {
    return [...this.others.values()].filter((b) => b.status === s)
  }

  list(): BrokerInfo[] {
    return [this.self, ...this.others.values()]
  }

  records(): MemberRecord[] {
    return this.list().map(toRecord)
  }

  /**
   * A backup adopts the primary's list: the others as given, and its own status as the primary
   * recorded it (catchup → ready, or ready → catchup after a recovery timeout).
   */
  adopt(records: MemberRecord[]): void {
    this.others.clear()
    let mine: BrokerStatus | undefined
    for (const r of records) {
      const b = fromRecord(r)
      if (!b) continue
      if (b.systemId === this.self.systemId) mine = b.status
      else this.others.set(b.systemId, b)
    }
    if (mine && mine !== this.self.status) this.setStatus(mine)
    this.onChange?.()
  }
}
