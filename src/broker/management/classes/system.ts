// QMF classes `system` and `vhost`: fixed objects describing the host and the single virtual host.
import { hostname, machine, release, type, version } from 'node:os'
import { ref, str, uuid } from '../../../protocol/qmf-encode.js'
import { BROKER_OID, type ManagementContext, systemOid, VHOST_OID } from '../context.js'
import { type ManagedClass, type ManagedObject, PKG } from '../registry.js'

export function systemClass(ctx: ManagementContext): ManagedClass {
  const obj: ManagedObject = {
    objectName: systemOid(ctx.broker.systemId),
    createdAt: ctx.broker.startedAt,
    updatedAt: () => ctx.broker.startedAt,
    values: () => ({
      systemId: uuid(ctx.broker.systemId),
      osName: str(type()),
      nodeName: str(hostname()),
      release: str(release()),
      version: str(version()),
      machine: str(machine()),
    }),
  }
  return { packageName: PKG, className: 'system', objects: () => [obj] }
}

export function vhostClass(ctx: ManagementContext): ManagedClass {
  const obj: ManagedObject = {
    objectName: VHOST_OID,
    createdAt: ctx.broker.startedAt,
    updatedAt: () => ctx.broker.startedAt,
    values: () => ({ brokerRef: ref(BROKER_OID), name: str('/'), federationTag: str(ctx.broker.systemId) }),
  }
  return { packageName: PKG, className: 'vhost', objects: () => [obj] }
}
