// Federation in the QMF model: classes `link` and `bridge` (qmf.md §6.8-6.9) with their `close`
// methods, and the broker object's `connect` plus `create`/`delete` for types link and bridge.
// The broker class is re-registered with those methods added; every other type still goes to
// the core's own create/delete.
import { bool, ref, str, type Typed, u16, u32 } from '../../protocol/qmf-encode.js'
import { BROKER_OID, VHOST_OID } from '../management/context.js'
import {
  type ManagedClass,
  type ManagedObject,
  type ManagementRegistry,
  type MethodHandler,
  PKG,
  QmfError,
} from '../management/registry.js'
import type { Bridge } from './bridge.js'
import type { BridgeConfig } from './bridge-config.js'
import type { Federation } from './federation.js'
import type { FederationLink, LinkConfig } from './link.js'
import { asMap, int, truthy, txt } from './method-args.js'

export const linkOid = (name: string) => `${PKG}:link:${name}`
export const bridgeOid = (linkName: string, name: string) => `${PKG}:bridge:${linkOid(linkName)},${name}`

function linkObject(link: FederationLink): ManagedObject {
  return {
    objectName: linkOid(link.name),
    createdAt: link.createdAt,
    updatedAt: () => link.updatedAt,
    persistent: link.cfg.durable,
    target: link,
    values: (): Record<string, Typed> => ({
      vhostRef: ref(VHOST_OID),
      name: str(link.name),
      host: str(link.cfg.host),
      port: u16(link.cfg.port),
      transport: str(link.cfg.transport),
      durable: bool(link.cfg.durable),
      connectionRef: ref(''),
      state: str(link.state),
      lastError: str(link.lastError),
    }),
  }
}

function bridgeObject(bridge: Bridge): ManagedObject {
  const c = bridge.cfg
  return {
    objectName: bridgeOid(bridge.link.name, c.name),
    createdAt: bridge.createdAt,
    updatedAt: () => bridge.createdAt,
    persistent: c.durable,
    target: bridge,
    values: (): Record<string, Typed> => ({
      linkRef: ref(linkOid(bridge.link.name)),
      name: str(c.name),
      channelId: u16(0),
      durable: bool(c.durable),
      src: str(c.src),
      dest: str(c.dest),
      key: str(c.key),
      srcIsQueue: bool(c.srcIsQueue),
      srcIsLocal: bool(c.srcIsLocal),
      tag: str(c.tag),
      excludes: str(c.excludes),
      dynamic: bool(c.dynamic),
      sync: u16(c.sync),
      credit: u32(c.credit),
    }),
  }
}

function linkClass(fed: Federation): ManagedClass {
  return {
    packageName: PKG,
    className: 'link',
    objects: () => [...fed.links.values()].map(linkObject),
    methods: {
      close: (obj) => {
        fed.closeLink(obj.target as FederationLink)
        return {}
      },
    },
  }
}

function bridgeClass(fed: Federation): ManagedClass {
  return {
    packageName: PKG,
    className: 'bridge',
    objects: () => fed.bridges().map(bridgeObject),
    methods: {
      close: (obj) => {
        fed.closeBridge(obj.target as Bridge)
        return {}
      },
    },
  }
}

function linkConfig(name: string, p: Record<string, unknown>): LinkConfig {
  return {
    name,
    host: txt(p.host),
    port: int(p.port, 0) & 0xffff,
    transport: txt(p.transport) || 'tcp',
    durable: truthy(p.durable),
    authMechanism: txt(p.authMechanism),
    username: txt(p.username),
    password: txt(p.password),
  }
}

function bridgeConfig(name: string, p: Record<string, unknown>): BridgeConfig {
  return {
    name,
    src: txt(p.src),
    dest: txt(p.dest),
    key: txt(p.key),
    tag: txt(p.tag),
    excludes: txt(p.excludes),
    srcIsQueue: truthy(p.srcIsQueue),
    srcIsLocal: truthy(p.srcIsLocal),
    dynamic: truthy(p.dynamic),
    durable: truthy(p.durable),
    sync: int(p.sync, 0) & 0xffff,
    credit: int(p.credit, 0xffffffff) >>> 0,
  }
}

function brokerMethods(fed: Federation, core: Record<string, MethodHandler>): Record<string, MethodHandler> {
  return {
    ...core,
    connect: (_obj, args) => {
      const cfg = linkConfig('', args)
      if (!fed.connect(cfg)) throw new QmfError(3, 'NotImplemented')
      return {}
    },
    create: (obj, args, ctx) => {
      const type = txt(args.type)
      const name = txt(args.name)
      if (type === 'link') fed.createLink(linkConfig(name, asMap(args.properties, 'properties')))
      else if (type === 'bridge') {
        const props = asMap(args.properties, 'properties')
        fed.createBridge(txt(props.link), bridgeConfig(name, props))
      } else return core.create(obj, args, ctx)
      return {}
    },
    delete: (obj, args, ctx) => {
      const type = txt(args.type)
      const name = txt(args.name)
      if (type === 'link') {
        const link = fed.links.get(name)
        if (link) fed.closeLink(link)
      } else if (type === 'bridge') {
        const bridge = fed.findBridge(name)
        if (bridge) fed.closeBridge(bridge)
      } else return core.delete(obj, args, ctx)
      return {}
    },
  }
}

/** Adds federation to the management model. */
export function registerFederation(registry: ManagementRegistry, fed: Federation): void {
  registry.register(linkClass(fed))
  registry.register(bridgeClass(fed))
  const broker = registry.byName('broker', PKG)[0]
  if (!broker?.methods) throw new Error(`management has no ${BROKER_OID} object to extend`)
  registry.register({ ...broker, methods: brokerMethods(fed, broker.methods) })
}
