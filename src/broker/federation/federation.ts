// The broker's links and bridges, created and deleted the ways qpidd allows (qmf.md §4.1-4.4):
// broker `connect` (a link named `qpid.<transport>:<host>:<port>`, reusing an existing one),
// `create`/`delete` of type link and bridge, and the link/bridge `close` methods. Errors carry
// qpidd's texts. The maintenance timer reconnects waiting links.
import rhea from 'rhea'
import type { Broker } from '../broker.js'
import { BrokerError } from '../errors.js'
import { Bridge } from './bridge.js'
import type { BridgeConfig } from './bridge-config.js'
import { bridgeContainerId } from './bridge-naming.js'
import { FederationLink, type LinkConfig } from './link.js'

export const SUPPORTED_TRANSPORTS = ['tcp']

export interface FederationOptions {
  maintenanceMs: number
  heartbeatMs?: number
  connectTimeoutMs?: number
}

const reserved = (name: string) => new BrokerError(`names prefixed with 'qpid.' are reserved: ${name}`)

export class Federation {
  readonly links = new Map<string, FederationLink>()
  private readonly container = rhea.create_container({ id: bridgeContainerId() })
  private readonly timer: NodeJS.Timeout

  constructor(
    private readonly broker: Broker,
    private readonly opts: FederationOptions,
  ) {
    this.timer = setInterval(() => {
      for (const link of this.links.values()) link.maintenanceVisit()
    }, opts.maintenanceMs)
    this.timer.unref()
  }

  /** Every bridge of every link, in link order. */
  bridges(): Bridge[] {
    return [...this.links.values()].flatMap((l) => [...l.bridges.values()])
  }

  findBridge(name: string): Bridge | undefined {
    return this.bridges().find((b) => b.name === name)
  }

  /** Broker method `connect`: false when the transport is not supported (status NotImplemented). */
  connect(cfg: Omit<LinkConfig, 'name'>): boolean {
    if (!SUPPORTED_TRANSPORTS.includes(cfg.transport)) return false
    const exists = [...this.links.values()].some(
      (l) => l.cfg.host === cfg.host && l.cfg.port === cfg.port && l.cfg.transport === cfg.transport,
    )
    if (!exists) this.addLink({ ...cfg, name: `qpid.${cfg.transport}:${cfg.host}:${cfg.port}` })
    return true
  }

  /** `create link`. */
  createLink(cfg: LinkConfig): void {
    if (cfg.name.startsWith('qpid.')) throw reserved(cfg.name)
    if (!SUPPORTED_TRANSPORTS.includes(cfg.transport))
      throw new BrokerError(`transport is not supported: ${cfg.transport}`)
    if (this.links.has(cfg.name)) throw new BrokerError(`object already exists: ${cfg.name}`)
    this.addLink(cfg)
  }

  /** `create bridge` on the link named `linkName`. */
  createBridge(linkName: string, cfg: BridgeConfig): void {
    if (cfg.name.startsWith('qpid.')) throw reserved(cfg.name)
    const link = this.links.get(linkName)
    if (!link) throw new BrokerError(`invalid parameter to method call: ${cfg.name}`)
    if (this.findBridge(cfg.name)) throw new BrokerError(`object already exists: ${cfg.name}`)
    link.addBridge(new Bridge(cfg, link, this.broker))
    this.broker.log.info('Broker', `Bridge ${cfg.name} created on link ${linkName}`)
  }

  closeLink(link: FederationLink): void {
    this.links.delete(link.name)
    link.close()
    this.broker.log.info('Broker', `Inter-broker link to ${link.cfg.host}:${link.cfg.port} removed by management`)
  }

  closeBridge(bridge: Bridge): void {
    bridge.link.removeBridge(bridge)
  }

  /** Broker shutdown: every link closes its connection. */
  close(): void {
    clearInterval(this.timer)
    for (const link of [...this.links.values()]) link.close()
    this.links.clear()
  }

  private addLink(cfg: LinkConfig): void {
    const link = new FederationLink(cfg, {
      broker: this.broker,
      container: this.container,
      heartbeatMs: this.opts.heartbeatMs ?? 10000,
      connectTimeoutMs: this.opts.connectTimeoutMs ?? 10000,
    })
    this.links.set(cfg.name, link)
  }
}
