// The oclif flags of the qpid-ha commands, derived from their option tables (cli/qpid-ha/options.ts).
import { type OptionValues, oclifFlags } from '../../cli/oclif-flags.js'
import {
  CONNECTION_OPTIONS,
  PROMOTE_OPTIONS,
  QUERY_OPTIONS,
  SET_OPTIONS,
  STATUS_OPTIONS,
} from '../../cli/qpid-ha/options.js'

export const connectionFlags = oclifFlags(CONNECTION_OPTIONS)
export const statusFlags = oclifFlags([...CONNECTION_OPTIONS, ...STATUS_OPTIONS])
export const queryFlags = oclifFlags([...CONNECTION_OPTIONS, ...QUERY_OPTIONS])
export const setFlags = oclifFlags([...CONNECTION_OPTIONS, ...SET_OPTIONS])
export const promoteFlags = oclifFlags([...CONNECTION_OPTIONS, ...PROMOTE_OPTIONS])

export type ConnectionFlags = OptionValues<typeof CONNECTION_OPTIONS>
export type StatusFlags = OptionValues<[...typeof CONNECTION_OPTIONS, ...typeof STATUS_OPTIONS]>
export type QueryFlags = OptionValues<[...typeof CONNECTION_OPTIONS, ...typeof QUERY_OPTIONS]>
export type SetFlags = OptionValues<[...typeof CONNECTION_OPTIONS, ...typeof SET_OPTIONS]>
export type PromoteFlags = OptionValues<[...typeof CONNECTION_OPTIONS, ...typeof PROMOTE_OPTIONS]>
