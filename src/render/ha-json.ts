// qpid-ha's --json documents (docs/json.md): `broker` (host:port of the broker asked) and one key
// named after what the command shows. The habroker object's rows keep its QMF property names; a
// member that could not be asked has `error` ({type, message}) instead.
import type { PythonError } from '../protocol/errors.js'
import type { QmfObject } from '../protocol/qmf-types.js'
import { statusWord } from './ha-status.js'
import { type JsonDocument, type JsonValue, jsonObject } from './json.js'

type Json = { [key: string]: JsonValue }

/** One member of the brokers URL as `--all` found it. */
export type MemberAnswer = { address: string; ha: QmfObject } | { address: string; error: PythonError }

export const errorJson = (e: PythonError): Json => ({ type: e.pythonClass, message: e.message })

export function statusJson(broker: string, ha: QmfObject): JsonDocument {
  return { broker, status: statusWord(ha) }
}

export function statusAllJson(broker: string, members: readonly MemberAnswer[]): JsonDocument {
  return {
    broker,
    brokers: members.map(
      (m): Json =>
        'ha' in m
          ? { address: m.address, status: statusWord(m.ha) }
          : { address: m.address, error: errorJson(m.error) },
    ),
  }
}

export function queryJson(broker: string, ha: QmfObject): JsonDocument {
  return { broker, habroker: jsonObject(ha.values) }
}

export function queryAllJson(broker: string, members: readonly MemberAnswer[]): JsonDocument {
  return {
    broker,
    brokers: members.map(
      (m): Json =>
        'ha' in m
          ? { address: m.address, ...jsonObject(m.ha.values) }
          : { address: m.address, error: errorJson(m.error) },
    ),
  }
}
