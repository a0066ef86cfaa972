// The oclif flags of qpid-stat's one command, derived from its option table
// (cli/qpid-stat/options.ts); the router has folded the view options into `show`.
import * as Flags from '@oclif/core/flags'
import { type OptionValues, oclifFlags } from '../../cli/oclif-flags.js'
import { QPID_STAT_OPTIONS } from '../../cli/qpid-stat/options.js'

export const statFlags = { ...oclifFlags(QPID_STAT_OPTIONS), show: Flags.string({ required: true }) }
export type StatFlags = OptionValues<typeof QPID_STAT_OPTIONS> & { show: string }
