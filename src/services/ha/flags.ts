// The oclif flags of the qpid-ha commands, derived from their option tables (cli/qpid-ha/options.ts).
import { type OptionValues, oclifFlags } from '../../cli/oclif-flags.js'
import {
  CHECK_OPTIONS,
  CONNECTION_OPTIONS,
  JSON_OPTIONS,
  LAG_OPTIONS,
  PROMOTE_OPTIONS,
  QUERY_OPTIONS,
  SET_OPTIONS,
  STATUS_OPTIONS,
  SWITCHOVER_OPTIONS,
} from '../../cli/qpid-ha/options.js'

// every command also takes --json (cli/qpid-ha/definition.ts)
const COMMON = [...CONNECTION_OPTIONS, ...JSON_OPTIONS] as const
type Common = [...typeof CONNECTION_OPTIONS, ...typeof JSON_OPTIONS]

export const connectionFlags = oclifFlags(COMMON)
export const statusFlags = oclifFlags([...COMMON, ...STATUS_OPTIONS])
export const queryFlags = oclifFlags([...COMMON, ...QUERY_OPTIONS])
export const setFlags = oclifFlags([...COMMON, ...SET_OPTIONS])
export const promoteFlags = oclifFlags([...COMMON, ...PROMOTE_OPTIONS])
export const checkFlags = oclifFlags([...COMMON, ...CHECK_OPTIONS])
export const lagFlags = oclifFlags([...COMMON, ...LAG_OPTIONS])
export const switchoverFlags = oclifFlags([...COMMON, ...SWITCHOVER_OPTIONS])

export type ConnectionFlags = OptionValues<Common>
export type StatusFlags = OptionValues<[...Common, ...typeof STATUS_OPTIONS]>
export type QueryFlags = OptionValues<[...Common, ...typeof QUERY_OPTIONS]>
export type SetFlags = OptionValues<[...Common, ...typeof SET_OPTIONS]>
export type PromoteFlags = OptionValues<[...Common, ...typeof PROMOTE_OPTIONS]>
export type CheckFlags = OptionValues<[...Common, ...typeof CHECK_OPTIONS]>
export type LagFlags = OptionValues<[...Common, ...typeof LAG_OPTIONS]>
export type SwitchoverFlags = OptionValues<[...Common, ...typeof SWITCHOVER_OPTIONS]>
