// The qpidd option federation implements (qpidd accepted it before and ignored it with a warning).
// Imported by main.ts before the command line is parsed.
import { parseDuration, registerOptions } from '../options.js'

export const LINK_MAINTENANCE_INTERVAL = 'link-maintenance-interval'

registerOptions([
  {
    name: LINK_MAINTENANCE_INTERVAL,
    kind: 'duration',
    arg: 'SECONDS',
    default: '2s',
    help: 'Interval to check federation link health and re-connect if need be',
  },
])

/** The interval in ms (the default arrives as its unparsed text). */
export function maintenanceIntervalMs(value: unknown): number {
  return typeof value === 'number' ? value : parseDuration(LINK_MAINTENANCE_INTERVAL, String(value ?? '2s'))
}
