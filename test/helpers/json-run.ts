// Runs a tool with --json and reads its stdout as the one JSON document the contract promises
// (docs/json.md): the parse fails the test when stdout is anything else.
import assert from 'node:assert/strict'
import { type RunOptions, run } from './run.js'

export interface JsonRun {
  code: number | null
  doc: Record<string, unknown>
  stderr: string
}

export async function runJson(bin: string, args: string[], opts: RunOptions = {}): Promise<JsonRun> {
  const r = await run(bin, [...args, '--json'], opts)
  assert.match(r.stdout, /\n$/, `${bin} ${args.join(' ')}: stdout ends with a newline`)
  let doc: Record<string, unknown>
  try {
    doc = JSON.parse(r.stdout)
  } catch {
    assert.fail(`${bin} ${args.join(' ')} --json: stdout is not one JSON document:\n${r.stdout}`)
  }
  return { code: r.code, doc, stderr: r.stderr }
}
