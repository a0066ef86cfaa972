// The broker's links and bridges, created and deleted the ways qpidd allows (qmf.md §4.1-4.4):
// broker `connect` (a link named `qpid.<transport>:<host>:<port>`, reusing an existing one),
// `create`/`delete` of type link and bridge, and the link/bridge `close` methods. Errors carry
// qpidd's texts. The maintenance timer reconnects waiting links. Durable links and bridges are
// saved to the data directory and re-created at start-up.
import rhea from 'rhea'
import type { Broker } from '../broker.js'
import { BrokerError } from '../errors.js'
import { Bridge } from './bridge.js'
import type { BridgeConfig } from './bridge-config.js'
import { bridgeContainerId } from './bridge-naming.js'
import type { DurableConfigFile } from './durable-config.js'
import { FederationLink, type LinkConfig } from './link.js'

export const SUPPORTED_TRANSPORTS = ['tcp']

export interface FederationOptions {
  maintenanceMs: number
  heartbeatMs?: number
  connectTimeoutMs?: number
  /** Where durable links and bridges are kept (absent without a data directory). */
  durable?: DurableConfigFile
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

  /** Re-creates the saved durable links and bridges. */
  recover(): void {
    const saved = this.opts.durable?.load()
    if (!saved || saved.links.length === 0) return
    for (const cfg of saved.links) this.addLink(cfg)
    for (const { link, bridge } of saved.bridges) {
      const owner = this.links.get(link)
      if (owner) owner.addBridge(new Bridge(bridge, owner, this.broker))
    }
    this.broker.log.notice('Broker', `Recovered ${saved.links.length} links, ${saved.bridges.length} bridges`)
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
    if (!exists && cfg.durable) this.persist()
    return true
  }

  /** `create link`. */
  createLink(cfg: LinkConfig): void {
    if (cfg.name.startsWith('qpid.')) throw reserved(cfg.name)
    if (!SUPPORTED_TRANSPORTS.includes(cfg.transport))
      throw new BrokerError(`transport is not supported: ${cfg.transport}`)
    if (this.links.has(cfg.name)) throw new BrokerError(`object already exists: ${cfg.name}`)
    this.addLink(cfg)
    if (cfg.durable) this.persist()
  }

  /** `create bridge` on the link named `linkName`. */
  createBridge(linkName: string, cfg: BridgeConfig): void {
    if (cfg.name.startsWith('qpid.')) throw reserved(cfg.name)
    const link = this.links.get(linkName)
    if (!link) throw new BrokerError(`invalid parameter to method call: ${cfg.name}`)
    if (this.findBridge(cfg.name)) throw new BrokerError(`object already exists: ${cfg.name}`)
    link.addBridge(new Bridge(cfg, link, this.broker))
    if (cfg.durable) this.persist()
    this.broker.log.info('Broker', `Bridge ${cfg.name} created on link ${linkName}`)
  }

  closeLink(link: FederationLink): void {
    this.links.delete(link.name)
    link.close()
    if (link.cfg.durable) this.persist()
    this.broker.log.info('Broker', `Inter-broker link to ${link.cfg.host}:${link.cfg.port} removed by management`)
  }

  closeBridge(bridge: Bridge): void {
    bridge.link.removeBridge(bridge)
    if (bridge.cfg.durable) this.persist()
  }

  /** Broker shutdown: every link closes its connection. */
  close(): void {
    clearInterval(this.timer)
    for (const link of [...this.links.values()]) link.close()
    this.links.clear()
  }

  /** Saves every durable link and the durable bridges on them; a failure is logged, not fatal. */
  private persist(): void {
    const durableLinks = [...this.links.values()].filter((l) => l.cfg.durable)
    try {
      this.opts.durable?.save({
        links: durableLinks.map((l) => l.cfg),
        bridges: durableLinks.flatMap((l) =>
          [...l.bridges.values()].filter((b) => b.cfg.durable).map((b) => ({ link: l.name, bridge: b.cfg })),
        ),
      })
    } catch (e) {
      this.broker.log.error('Store', `Cannot save durable links and bridges: ${(e as Error).message}`)
    }
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
