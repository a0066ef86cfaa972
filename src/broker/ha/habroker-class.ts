// The `habroker` management object (qmf.md §6.13): org.apache.qpid.ha:habroker:ha-broker with the
// properties qpid-ha reads and the methods promote, setBrokersUrl, setPublicUrl, replicate.
import { list, map, str, type Typed, u16, u32, uuid } from '../../protocol/qmf-encode.js'
import type { ManagedClass, ManagedObject, MethodHandler } from '../management/registry.js'
import type { MemberRecord } from './membership.js'

export const HA_PACKAGE = 'org.apache.qpid.ha'
export const HA_OBJECT_NAME = `${HA_PACKAGE}:habroker:ha-broker`

export interface HaManagement {
  status(): string
  brokersUrl(): string
  publicUrl(): string
  replicateDefault(): string
  members(): MemberRecord[]
  systemId(): string
  updatedAt(): number
  promote(): Promise<void>
  setBrokersUrl(url: string): void
  setPublicUrl(url: string): void
  replicate(broker: string, queue: string): void
}

function text(v: unknown): string {
  return Buffer.isBuffer(v) ? v.toString('utf8') : String(v ?? '')
}

export function habrokerClass(ha: HaManagement): ManagedClass {
  const createdAt = Date.now()
  const obj: ManagedObject = {
    objectName: HA_OBJECT_NAME,
    createdAt,
    updatedAt: () => ha.updatedAt(),
    values: (): Record<string, Typed> => ({
      name: str('ha-broker'),
      status: str(ha.status()),
      brokersUrl: str(ha.brokersUrl()),
      publicUrl: str(ha.publicUrl()),
      replicateDefault: str(ha.replicateDefault()),
      members: list(
        ha.members().map((m) =>
          map({
            'system-id': uuid(m['system-id']),
            protocol: str(m.protocol),
            'host-name': str(m['host-name']),
            port: u16(m.port),
            status: u32(m.status),
          }),
        ),
      ),
      systemId: uuid(ha.systemId()),
    }),
  }
  const methods: Record<string, MethodHandler> = {
    promote: async () => {
      await ha.promote()
      return {}
    },
    setBrokersUrl: (_o, args) => {
      ha.setBrokersUrl(text(args.url))
      return {}
    },
    setPublicUrl: (_o, args) => {
      ha.setPublicUrl(text(args.url))
      return {}
    },
    replicate: (_o, args) => {
      ha.replicate(text(args.broker), text(args.queue))
      return {}
    },
  }
  return {
    packageName: HA_PACKAGE,
    className: 'habroker',
    objects: () => [obj],
    find: (name) => (name === HA_OBJECT_NAME ? obj : undefined),
    methods,
  }
}
