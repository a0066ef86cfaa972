// The shared `--json` output of every tool (docs/json.md). One document per invocation: a
// top-level object with `broker` (host:port) and one named array of row objects whose keys are
// the QMF property names. References become the referenced object's name, UUIDs their
// hyphenated text, maps JSON objects; numbers stay numbers.
import { isRef, type QmfMap, type QmfValue, refName, Uuid } from '../protocol/qmf-types.js'

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }

/** Converts one QMF value to its JSON form. */
export function jsonValue(value: QmfValue | undefined): JsonValue {
  if (value === undefined || value === null) return null
  if (value instanceof Uuid) return value.toString()
  if (Array.isArray(value)) return value.map(jsonValue)
  if (typeof value === 'object') {
    if (isRef(value)) return refName(value)
    return jsonObject(value)
  }
  return value
}

/** Converts a QMF map (e.g. an object's `_values`) to a JSON object, keys in received order. */
export function jsonObject(map: QmfMap): { [key: string]: JsonValue } {
  const out: { [key: string]: JsonValue } = {}
  for (const [k, v] of Object.entries(map)) out[k] = jsonValue(v)
  return out
}

/** A --json document: the broker asked and what it answered. */
export type JsonDocument = { broker: string } & { [key: string]: JsonValue }

/** One JSON document as printed: 2-space indented, newline-terminated. */
export function jsonText(document: JsonDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`
}

/** Writes one JSON document to stdout. */
export function writeJson(document: JsonDocument): void {
  process.stdout.write(jsonText(document))
}
