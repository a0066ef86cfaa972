// Credit for client senders. rhea's own credit window refills as messages *arrive*, so deliveries
// waiting for the journal's fdatasync (or HA confirmation) could pile up without bound and overflow
// rhea's fixed-size session delivery buffer. Here credit comes back only when a delivery is settled,
// in batches of a quarter window, so at most one window of deliveries is ever unsettled per link.
// A sender attached to a flow-stopped queue (qpid.flow_stop_count/size) gets no credit back until
// the queue resumes, as qpidd stops crediting producers.
import { Queue } from '../nodes/queue.js'

export const CREDIT_WINDOW = 1000
const BATCH = CREDIT_WINDOW / 4

interface CreditLink {
  flow(n: number): void
  is_open(): boolean
  settledSinceFlow?: number
  /** Credit held back while the target queue is flow-stopped. */
  withheld?: number
  node?: unknown
}

export function grantInitialCredit(link: CreditLink): void {
  link.settledSinceFlow = 0
  link.flow(CREDIT_WINDOW)
}

export function returnCredit(link: CreditLink): void {
  const n = (link.settledSinceFlow ?? 0) + 1
  if (n < BATCH) {
    link.settledSinceFlow = n
    return
  }
  link.settledSinceFlow = 0
  const node = link.node
  if (node instanceof Queue && node.flowStopped) {
    const first = !link.withheld
    link.withheld = (link.withheld ?? 0) + n
    if (first)
      node.whenFlowResumes(() => {
        const w = link.withheld ?? 0
        link.withheld = 0
        if (w && link.is_open()) link.flow(w)
      })
    return
  }
  if (link.is_open()) link.flow(n)
}
