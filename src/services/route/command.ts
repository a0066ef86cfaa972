// Base of every qpid-route oclif command: the full flag table, the positional words (all of them:
// group and command word included, as the original indexed them), a connection to the local
// broker made before the word count is judged, and the exit code the body returns.
import { Command } from '@oclif/core/command'
import { printUsage } from '../../render/route-usage.js'
import { type RouteFlags, routeFlags } from './flags.js'
import { type RouteContext, withLocalBroker } from './with-broker.js'

export abstract class RouteCommand extends Command {
  static override flags = routeFlags
  static override strict = false
  /** Allowed word counts [min, max] (group and command word included); outside → usage, 255. */
  protected static wordCount: readonly [number, number] = [2, Number.POSITIVE_INFINITY]

  /** The command's work. Returns the exit code (0 unless it prints its own failure). */
  protected abstract execute(ctx: RouteContext): Promise<number | undefined>

  async run(): Promise<void> {
    const { flags, argv } = await this.parse({ flags: routeFlags, strict: false })
    const [min, max] = (this.constructor as typeof RouteCommand).wordCount
    const code = await withLocalBroker(flags as RouteFlags, argv as string[], async (ctx) => {
      if (ctx.words.length < min || ctx.words.length > max) return printUsage()
      return (await this.execute(ctx)) ?? 0
    })
    if (code !== 0) this.exit(code)
  }
}
