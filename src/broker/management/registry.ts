// The management object model: classes register here (one file per class under classes/), each
// producing its objects' `_values` from the live broker state on demand. Modules (HA: `habroker`)
// add classes, objects and methods through `register`.
import type { Typed } from '../../protocol/qmf-encode.js'

export class QmfError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message)
  }
}

export const PKG = 'org.apache.qpid.broker'

export interface ManagedObject {
  /** Full `_object_name`. */
  readonly objectName: string
  /** Creation time, ms since epoch. */
  readonly createdAt: number
  /** Last change, ms since epoch (QMF `_update_ts`). */
  updatedAt(): number
  /** Properties and statistics, already typed (see codec.ts). */
  values(): Record<string, Typed>
  /** Durable objects carry no `_agent_epoch` in their object id. */
  readonly persistent?: boolean
  /** The core object behind it, for method handlers. */
  readonly target?: unknown
  /** Called after the object was reported (resets hilo water marks). */
  reported?(): void
}

export interface MethodContext {
  /** Identity of the requesting connection. */
  user: string
}

export type MethodHandler = (
  obj: ManagedObject,
  args: Record<string, unknown>,
  ctx: MethodContext,
) => Record<string, Typed> | undefined | Promise<Record<string, Typed> | undefined>

export interface ManagedClass {
  readonly packageName: string
  readonly className: string
  objects(): Iterable<ManagedObject>
  /** Direct lookup when cheaper than a scan. */
  find?(objectName: string): ManagedObject | undefined
  /** Runs before the class is queried (e.g. broker uptime refresh). */
  beforeQuery?(): void
  readonly methods?: Record<string, MethodHandler>
}

export class ManagementRegistry {
  private readonly classes: ManagedClass[] = []

  register(cls: ManagedClass): void {
    const i = this.classes.findIndex((c) => c.packageName === cls.packageName && c.className === cls.className)
    if (i >= 0) this.classes[i] = cls
    else this.classes.push(cls)
  }

  all(): readonly ManagedClass[] {
    return this.classes
  }

  byName(className: string, packageName?: string): ManagedClass[] {
    return this.classes.filter((c) => c.className === className && (!packageName || c.packageName === packageName))
  }

  find(objectName: string): { cls: ManagedClass; obj: ManagedObject } | undefined {
    for (const cls of this.classes) {
      if (cls.find) {
        const obj = cls.find(objectName)
        if (obj) return { cls, obj }
        continue
      }
      for (const obj of cls.objects()) if (obj.objectName === objectName) return { cls, obj }
    }
    return undefined
  }
}
