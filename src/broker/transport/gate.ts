// Connection admission seam (HA: a backup refuses ordinary clients, ha.md §4). Gates run when the
// client's AMQP open arrives, after SASL and before the broker's open is written. `drop` destroys the
// TCP connection without sending open or close, exactly what a qpidd HA backup does.

export interface AdmissionRequest {
  /** Client open properties with string keys (symbols converted), e.g. `qpid.ha-admin`. */
  properties: Record<string, unknown>
  containerId: string
  /** Authenticated identity (`anonymous` without authentication). */
  user: string
  /** `<local>-<remote>` address as in the connection management object. */
  address: string
  /** Sets the idle time-out the broker announces in its open (heartbeats for HA peer links). */
  setIdleTimeout?(ms: number): void
}

export type AdmissionDecision = 'accept' | 'drop'

export type ConnectionGate = (req: AdmissionRequest) => AdmissionDecision

export class GateChain {
  private readonly gates: ConnectionGate[] = []

  /** Adds a gate; returns a function that removes it. */
  add(g: ConnectionGate): () => void {
    this.gates.push(g)
    return () => {
      const i = this.gates.indexOf(g)
      if (i >= 0) this.gates.splice(i, 1)
    }
  }

  decide(req: AdmissionRequest): AdmissionDecision {
    for (const g of this.gates) if (g(req) === 'drop') return 'drop'
    return 'accept'
  }
}
