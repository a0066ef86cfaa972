// What every rhea patch in this folder provides: the start-up check of the internals it replaces
// (so a different rhea fails at once with a clear line instead of misbehaving later) and the
// installation itself.
import type { Members, RheaInternals } from './internals.js'

export interface RheaPatch {
  /** Short name, used in tests and in the mismatch message. */
  readonly name: string
  /** What about rhea's internals this patch relies on is missing or different (empty = all there). */
  check(r: RheaInternals): string[]
  install(r: RheaInternals): void
}

/**
 * Checks that `owner[key]` is a function, optionally of `arity` parameters and containing `fragment`
 * in its source (for a replaced function whose body the patch re-implements or relies on).
 */
export function expectFunction(
  owner: Members | undefined,
  where: string,
  key: string,
  opts: { arity?: number; fragment?: string } = {},
): string[] {
  const f = owner?.[key]
  if (typeof f !== 'function') return [`${where}.${key}() missing`]
  if (opts.arity !== undefined && f.length !== opts.arity)
    return [`${where}.${key}() takes ${f.length} parameters, not ${opts.arity}`]
  if (opts.fragment !== undefined && !String(f).includes(opts.fragment))
    return [`${where}.${key}() no longer contains "${opts.fragment}"`]
  return []
}
