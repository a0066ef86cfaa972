// Generates each tool's oclif.manifest.json at build time (never committed: a stale manifest
// makes oclif run old code). A tool whose commands are not compiled yet is skipped.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, rmSync } from 'node:fs'

const root = new URL('../', import.meta.url).pathname
const oclif = `${root}node_modules/oclif/bin/run.js`
for (const tool of readdirSync(`${root}oclif`)) {
  const commands = `${root}dist/commands/${tool.replace(/^qpid-/, '')}`
  rmSync(`${root}oclif/${tool}/oclif.manifest.json`, { force: true })
  if (!existsSync(commands)) continue
  // oclif's own chatter (update notices) is noise here; its output is shown only when it fails.
  try {
    execFileSync(process.execPath, [oclif, 'manifest', `oclif/${tool}`], { cwd: root, stdio: 'pipe' })
  } catch (err) {
    process.stderr.write(String(err.stderr ?? err.message))
    process.exit(1)
  }
}
