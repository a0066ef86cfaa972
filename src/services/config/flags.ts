// The oclif flags every qpid-config command declares. optparse accepts every option with every
// command (and ignores the ones a command does not use), and the router forwards all of them, so
// each command declares the whole table (cli/qpid-config/options.ts).
import { type OptionValues, oclifFlags } from '../../cli/oclif-flags.js'
import { QPID_CONFIG_OPTIONS } from '../../cli/qpid-config/options.js'

export const configFlags = oclifFlags(QPID_CONFIG_OPTIONS)
export type ConfigFlags = OptionValues<typeof QPID_CONFIG_OPTIONS>
