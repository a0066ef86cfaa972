// The broker operations qpid-config performs (qpidtoollibs QmfConsole's helpers), as QMF methods
// on the broker object. Each resolves when the broker has answered.

import { BROKER_OBJECT, HA_BROKER_OBJECT } from '../../protocol/qmf-request.js'
import type { QmfConsole, QmfMap } from '../../protocol/qmf-types.js'

export const ACL_OBJECT = 'org.apache.qpid.acl:acl:org.apache.qpid.broker:broker:amqp-broker'

export async function create(agent: QmfConsole, type: string, name: string, properties: QmfMap, strict: boolean) {
  await agent.callMethod(BROKER_OBJECT, 'create', { type, name, properties, strict })
}

/** `options` undefined sends no `options` key at all (what `del exchange` does). */
export async function remove(agent: QmfConsole, type: string, name: string, options?: QmfMap) {
  await agent.callMethod(BROKER_OBJECT, 'delete', options === undefined ? { type, name } : { type, name, options })
}

export async function bind(agent: QmfConsole, exchange: string, queue: string, key: string, properties: QmfMap) {
  await create(agent, 'binding', `${exchange}/${queue}/${key}`, properties, true)
}

export async function unbind(agent: QmfConsole, exchange: string, queue: string, key: string) {
  await agent.callMethod(BROKER_OBJECT, 'delete', {
    type: 'binding',
    name: `${exchange}/${queue}/${key}`,
    strict: true,
  })
}

/** Starts replicating queue `queue` from the same-named queue on `broker` (HA module). */
export async function startReplica(agent: QmfConsole, broker: string, queue: string) {
  await agent.callMethod(HA_BROKER_OBJECT, 'replicate', { broker, queue })
}

export async function getLogLevel(agent: QmfConsole): Promise<string> {
  const out = await agent.callMethod(BROKER_OBJECT, 'getLogLevel')
  return String(out.level ?? '')
}

export async function setLogLevel(agent: QmfConsole, level: string) {
  await agent.callMethod(BROKER_OBJECT, 'setLogLevel', { level })
}

export async function reloadAcl(agent: QmfConsole) {
  await agent.callMethod(ACL_OBJECT, 'reloadACLFile')
}

export async function shutdown(agent: QmfConsole) {
  await agent.callMethod(BROKER_OBJECT, 'shutdown')
}
