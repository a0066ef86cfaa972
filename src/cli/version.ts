// `--version` on every tool (not in the originals, docs/compat.md): the tool, this project and its
// version, read from package.json only when asked.
import { readFileSync } from 'node:fs'

export function versionLine(bin: string): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
  return `${bin} (qpid-tools-ts) ${pkg.version}\n`
}
