// Credit for client senders. rhea's own credit window refills as messages *arrive*, so deliveries
// waiting for the journal's fdatasync (or HA confirmation) could pile up without bound and overflow
// rhea's fixed-size session delivery buffer. Here credit comes back only when a delivery is settled,
// in batches of a quarter window, so at most one window of deliveries is ever unsettled per link.

export const CREDIT_WINDOW = 1000
const BATCH = CREDIT_WINDOW / 4

interface CreditLink {
  flow(n: number): void
  is_open(): boolean
  settledSinceFlow?: number
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
  if (link.is_open()) link.flow(n)
}
