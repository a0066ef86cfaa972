// A bridge: one route over a link (qmf.md §6.9). It owns the message flow, which runs while the
// link is operational and is re-created after the link reconnects.
import type { Connection } from 'rhea'
import type { Broker } from '../broker.js'
import type { BridgeConfig, BridgeFlow } from './bridge-config.js'
import { PullFlow } from './pull-flow.js'
import { PushFlow } from './push-flow.js'
import type { RemoteBroker } from './remote-broker.js'

/** The link a bridge runs over, as the bridge's owners use it (federation/link.ts). */
export interface BridgeLink {
  readonly name: string
  removeBridge(bridge: Bridge): void
}

export class Bridge {
  readonly createdAt = Date.now()
  private readonly flow: BridgeFlow

  constructor(
    readonly cfg: BridgeConfig,
    readonly link: BridgeLink,
    broker: Broker,
  ) {
    this.flow = cfg.srcIsLocal ? new PushFlow(broker, cfg) : new PullFlow(broker, cfg)
  }

  get name(): string {
    return this.cfg.name
  }

  get active(): boolean {
    return this.flow.active
  }

  start(conn: Connection, remote: RemoteBroker): void {
    this.flow.start(conn, remote)
  }

  stop(): void {
    this.flow.stop()
  }

  close(): void {
    this.flow.close()
  }
}
