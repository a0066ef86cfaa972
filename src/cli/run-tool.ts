// Entry point shared by the four executables. Each tool describes its optparse option table and
// how positional words select an oclif command; this file scans argv with optparse rules, then
// lets oclif load and run the chosen command with a canonical argv (see optparse.ts for why).
import { fileURLToPath } from 'node:url'
import { installInterrupt } from './interrupt.js'
import { holdStdoutForJson, jsonRequested, noteFailure } from './json-output.js'
import { canonicalArgv, type OptionSpec, OptparseError, type ParsedArgv, parseArgv } from './optparse.js'
import { installOutputGuard } from './output-guard.js'
import { versionLine } from './version.js'

export interface Route {
  /** oclif command id, with `:` between words (e.g. `add:queue`). */
  id: string
  /** Positionals left for the command after its command words. */
  args: string[]
}

export interface ToolDefinition {
  /** Executable name, also the folder under oclif/ that holds the oclif root. */
  bin: string
  options: readonly OptionSpec[]
  /**
   * Runs before option scanning, for argv forms optparse itself handles specially (`--help`,
   * qpid-ha's command-first parsing). Returns an exit code when it handled the call.
   */
  preempt?(argv: readonly string[]): number | undefined | Promise<number | undefined>
  /**
   * Replaces the scan with `options` for tools whose option table depends on the command word
   * (qpid-ha: each command has its own parser). Throws OptparseError like parseArgv.
   */
  parse?(argv: readonly string[]): ParsedArgv
  /** Writes the tool's optparse error output for `err` and returns the exit code (2 for optparse). */
  usageError(err: OptparseError): number
  /** Picks the command from the scanned argv, or returns an exit code when the words are a usage error. */
  route(parsed: ParsedArgv): Route | number | Promise<Route | number>
}

function toolRoot(bin: string): string {
  return fileURLToPath(new URL(`../../oclif/${bin}/`, import.meta.url))
}

export async function runTool(tool: ToolDefinition, argv: readonly string[]): Promise<void> {
  // a tool prints what a broker returns, and echoes words it was given, only with controls escaped
  installOutputGuard()
  // under --json, stdout gets one document whatever happens (json-output.ts)
  if (jsonRequested(argv)) holdStdoutForJson()
  installInterrupt()
  try {
    const early = await tool.preempt?.(argv)
    if (early !== undefined) return finish(early)

    let parsed: ParsedArgv
    try {
      parsed = tool.parse ? tool.parse(argv) : parseArgv(argv, tool.options)
    } catch (err) {
      if (err instanceof OptparseError) return finish(tool.usageError(err))
      throw err
    }
    if (parsed.exit === 'version') {
      process.stdout.write(versionLine(tool.bin))
      return finish(0)
    }
    const route = await tool.route(parsed)
    if (typeof route === 'number') return finish(route)

    const commandArgv = canonicalArgv({ ...parsed, positionals: route.args })
    // oclif's error handler re-reads process.argv; keep it consistent with what we run.
    process.argv = [process.argv[0], tool.bin, ...route.id.split(':'), ...commandArgv]
    // Before oclif and rhea load: their compiled code comes from the cache (see code-cache.ts).
    // Imported here, not above: --help must not pay for node:crypto and node:v8.
    const { installCodeCache } = await import('./code-cache.js')
    installCodeCache(tool.bin)
    // Loaded only now: @oclif/core costs ~90 ms, which --help and optparse errors must not pay.
    // Subpath imports: the package index pulls in help, ux and more (~50 ms) that we never use.
    const [{ Config }, { flush }] = await Promise.all([import('@oclif/core/config'), import('@oclif/core/flush')])
    const config = await Config.load({ root: toolRoot(tool.bin) })
    await config.runCommand(route.id, commandArgv)
    await flush()
    finish(0)
  } catch (err) {
    // oclif's ExitError (this.exit(n)), recognised by shape so this module need not import oclif.
    // Other oclif errors carry `oclif.exit` too; only ExitError's message starts with EEXIT.
    const exit = (err as { oclif?: { exit?: number } } | null)?.oclif?.exit
    if (exit !== undefined && err instanceof Error && err.message.startsWith('EEXIT:')) return finish(exit)
    // Anything that reaches here is a bug: still one line, never a stack trace.
    const message = err instanceof Error ? err.message : String(err)
    noteFailure('InternalError', message)
    process.stderr.write(`${tool.bin}: internal error: ${message}\n`)
    if (process.env.QPID_TOOLS_DEBUG) console.error(err)
    return finish(1)
  }
}

// Exit explicitly: a half-open AMQP connection must never keep a tool alive. On Linux, writes
// to pipes, files and terminals are synchronous, so nothing printed is lost.
function finish(code: number): never {
  process.exit(code)
}
