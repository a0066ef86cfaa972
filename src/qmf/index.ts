// The QMF v2 console library shared by the tools.
export { type AgentOptions, BROKER_OBJECT, BrokerAgent, HA_BROKER_OBJECT } from './agent.js'
export { type ConnectOptions, openConnection } from './connection.js'
export { agentException, type PythonClass, pyStr, QmfError } from './errors.js'
export { isRef, type QmfObject, refName } from './objects.js'
export { type BrokerUrl, hostPort, parseBrokerUrl } from './url.js'
export { type QmfMap, type QmfValue, Uuid } from './values.js'
