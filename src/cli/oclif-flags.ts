// The oclif flags of a command, derived from its tool's optparse option table, so each option is
// declared once. runTool hands oclif a canonical argv (every option by its dest name, values
// attached and already checked by optparse rules), so the flags only need the right shape:
// integers, strings (floats and choices arrive as checked text), switches (false when absent)
// and lists.
import * as Flags from '@oclif/core/flags'
import type { FlagInput } from '@oclif/core/interfaces'
import type { OptionSpec } from './optparse.js'

type Dest<S> = S extends { dest: infer D extends string } ? D : S extends { long: infer L extends string } ? L : never
type Value<S> = S extends { multiple: true }
  ? S extends { type: 'int' }
    ? number[]
    : string[]
  : S extends { type: 'int' }
    ? number
    : S extends { type: string }
      ? string
      : boolean

type Switch<S> = S extends { type: string } | { exits: true } ? never : Dest<S>
type Valued<S> = S extends { type: string } ? Dest<S> : never

/**
 * The values a command reads for a table, each option by its dest name: a switch is true or
 * false, an option with a value is absent when not given.
 */
export type OptionValues<T extends readonly OptionSpec[]> = {
  [S in T[number] as Switch<S>]: boolean
} & {
  [S in T[number] as Valued<S>]?: Value<S>
}

function flagOf(spec: OptionSpec) {
  if (spec.multiple) return spec.type === 'int' ? Flags.integer({ multiple: true }) : Flags.string({ multiple: true })
  if (spec.type === 'int') return Flags.integer()
  if (spec.type) return Flags.string()
  return Flags.boolean({ default: false })
}

/** oclif flags for every option of `specs` but the help switch, keyed by dest name. */
export function oclifFlags(specs: readonly OptionSpec[]): FlagInput {
  const flags: FlagInput = {}
  for (const spec of specs) if (!spec.exits) flags[spec.dest ?? spec.long] = flagOf(spec)
  return flags
}
