// The qpidd option federation implements (qpidd accepted it before and ignored it with a warning).
// Imported by main.ts before the command line is parsed.
import { registerOptions } from '../options.js'

export const LINK_MAINTENANCE_INTERVAL = 'link-maintenance-interval'

registerOptions([
  {
    name: LINK_MAINTENANCE_INTERVAL,
    kind: 'duration',
    arg: 'SECONDS',
    default: 2000, // ms, like every duration default in the option table
    help: 'Interval to check federation link health and re-connect if need be',
  },
])
