// The oclif flags every qpid-route command declares. optparse accepts every option with every
// command and the router forwards all of them, so each command declares the whole table
// (cli/qpid-route/options.ts).
import { type OptionValues, oclifFlags } from '../../cli/oclif-flags.js'
import { QPID_ROUTE_OPTIONS } from '../../cli/qpid-route/options.js'

export const routeFlags = oclifFlags(QPID_ROUTE_OPTIONS)
export type RouteFlags = OptionValues<typeof QPID_ROUTE_OPTIONS>
