// Who may connect (ha.md §4.1), decided on the peer's AMQP open: a broker's own status-check or
// replication connection is dropped; admin connections (`qpid.ha-admin`) are accepted; a backup
// drops everything else, so clients fail over; a primary accepts, and gives replication links
// heartbeats (heartbeat.ts).
import type { AdmissionDecision, AdmissionRequest } from '../transport/gate.js'
import { ADMIN_PROPERTY, BACKUP_PROPERTY } from './protocol.js'
import { type BrokerStatus, isBackup } from './status.js'

export interface AdmissionState {
  systemId: string
  status: BrokerStatus
  heartbeatMs: number
}

export function admit(req: AdmissionRequest, state: AdmissionState): AdmissionDecision {
  const peer = req.properties[BACKUP_PROPERTY] as Record<string, unknown> | undefined
  if (peer && String(peer['system-id'] ?? '') === state.systemId) return 'drop'
  if (ADMIN_PROPERTY in req.properties) return 'accept'
  if (isBackup(state.status)) return 'drop'
  if (peer) req.setIdleTimeout?.(Math.max(1, Math.floor(state.heartbeatMs)))
  return 'accept'
}
