// The run of a destructive command with --dry-run and the terminal confirmation (not in the
// originals, docs/compat.md). Without either, the change is made at once and the broker is asked
// nothing more than the original asked, so scripts see the original's traffic and output.
import { jsonMode, writeJsonResult } from '../cli/json-output.js'
import type { Plan } from '../render/preview.js'
import { atTerminal, confirmed } from './confirm.js'

export interface SafetyFlags {
  'dry-run': boolean
  yes: boolean
}

/**
 * `--dry-run`: prints what `survey` found and returns 0 when the change would go through, 1 when
 * the broker would refuse it. Otherwise, on a terminal and without `--yes`, a change whose plan
 * asks a question (it destroys messages or stops a broker) is made only after a yes; a no prints
 * that nothing changed and returns 1. A change the broker would refuse is left to fail as usual.
 */
export async function safely(
  flags: SafetyFlags,
  survey: () => Promise<Plan>,
  change: () => Promise<number>,
): Promise<number> {
  const ask = !flags.yes && atTerminal()
  if (!flags['dry-run'] && !ask) return change()
  const plan = await survey()
  if (flags['dry-run']) {
    if (jsonMode()) writeJsonResult({ dryRun: { ok: plan.preview.ok, preview: plan.preview.line } })
    else process.stdout.write(`${plan.preview.line}\n`)
    return plan.preview.ok ? 0 : 1
  }
  if (plan.question && plan.preview.ok && !(await confirmed(plan.question))) {
    process.stdout.write('Cancelled: nothing was changed\n')
    return 1
  }
  return change()
}
