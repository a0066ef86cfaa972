// Federation's own temporary queues on a remote broker are named `<container-id>_<link-name>` by
// the remote (dynamic source); the container id of every link starts with this prefix so that
// dynamic routes can tell bindings made by bridges from the bindings of real consumers.
import { randomUUID } from 'node:crypto'

export const BRIDGE_CONTAINER_PREFIX = 'qpid.bridge-'

export function bridgeContainerId(): string {
  return `${BRIDGE_CONTAINER_PREFIX}${randomUUID()}`
}

/** True for a queue a federation bridge created (never propagated by dynamic routes). */
export function isBridgeQueue(queueName: string): boolean {
  return queueName.startsWith(BRIDGE_CONTAINER_PREFIX)
}
