// The HA rows of qpidd's option table (link-maintenance-interval is registered by federation) (names, defaults and duration syntax as `qpidd --help`
// shows them with ha.so loaded), and their reading into one HaConfig.

import { PythonError } from '../../protocol/errors.js'
import { parseQpidUrl, type QpidUrl } from '../../protocol/url.js'
import { OptionError, type OptionValues, registerOptions } from '../options.js'
import { LEVELS, type ReplicationLevel } from './levels.js'

export interface HaConfig {
  cluster: boolean
  queueReplication: boolean
  brokersUrl?: QpidUrl
  publicUrl?: QpidUrl
  replicateDefault: ReplicationLevel
  username?: string
  password?: string
  mechanism?: string
  backupTimeoutMs: number
  linkMaintenanceMs: number
  linkHeartbeatMs: number
  /** Credit window of replication subscriptions; 0 = unlimited. */
  flowMessages: number
  flowBytes: number
}

export function registerHaOptions(): void {
  registerOptions([
    { name: 'ha-cluster', kind: 'bool', arg: 'yes|no', default: false, help: 'Join a HA active/passive cluster.' },
    {
      name: 'ha-queue-replication',
      kind: 'bool',
      arg: 'yes|no',
      default: false,
      help: 'Enable replication of specific queues without joining a cluster',
    },
    { name: 'ha-brokers-url', kind: 'string', arg: 'URL', help: 'URL with address of each broker in the cluster.' },
    { name: 'ha-public-url', kind: 'string', arg: 'URL', help: 'URL advertised to clients to connect to the cluster.' },
    {
      name: 'ha-replicate',
      kind: 'string',
      arg: 'LEVEL',
      default: 'none',
      help: 'Replication level for creating queues and exchanges if there is no qpid.replicate argument supplied. LEVEL is none, configuration or all',
    },
    { name: 'ha-username', kind: 'string', arg: 'USER', help: 'Username for connections between HA brokers' },
    { name: 'ha-password', kind: 'string', arg: 'PASS', help: 'Password for connections between HA brokers' },
    {
      name: 'ha-mechanism',
      kind: 'string',
      arg: 'MECH',
      help: 'Authentication mechanism for connections between HA brokers',
    },
    {
      name: 'ha-backup-timeout',
      kind: 'duration',
      arg: 'SECONDS',
      default: 10_000,
      help: 'Maximum time to wait for an expected backup to connect and become ready.',
    },
    {
      name: 'ha-flow-messages',
      kind: 'int',
      arg: 'N',
      default: 1000,
      help: 'Flow control message count limit for replication, 0 means no limit',
    },
    {
      name: 'ha-flow-bytes',
      kind: 'int',
      arg: 'N',
      default: 0,
      help: 'Flow control byte limit for replication, 0 means no limit',
    },
    {
      name: 'link-heartbeat-interval',
      kind: 'duration',
      arg: 'SECONDS',
      default: 120_000,
      help: 'Heartbeat interval for a federation link',
    },
  ])
}

function durationMs(values: OptionValues, name: string, dflt: number): number {
  const v = values[name]
  // durations (defaults included) are milliseconds
  return typeof v === 'number' ? v : dflt
}

function url(values: OptionValues, name: string): QpidUrl | undefined {
  const v = values[name]
  if (typeof v !== 'string') return undefined
  try {
    return parseQpidUrl(v)
  } catch (e) {
    if (e instanceof PythonError) throw new OptionError(`${e.message} (--${name})`)
    throw e
  }
}

export function readHaConfig(values: OptionValues): HaConfig {
  const level = String(values['ha-replicate'] ?? 'none')
  if (!(LEVELS as readonly string[]).includes(level)) {
    throw new OptionError(`the argument ('${level}') for option '--ha-replicate' is invalid`)
  }
  const s = (name: string) =>
    typeof values[name] === 'string' && values[name] !== '' ? String(values[name]) : undefined
  return {
    cluster: values['ha-cluster'] === true,
    queueReplication: values['ha-queue-replication'] === true || values['ha-cluster'] === true,
    brokersUrl: url(values, 'ha-brokers-url'),
    publicUrl: url(values, 'ha-public-url'),
    replicateDefault: level as ReplicationLevel,
    username: s('ha-username'),
    password: s('ha-password'),
    mechanism: s('ha-mechanism'),
    backupTimeoutMs: durationMs(values, 'ha-backup-timeout', 10000),
    linkMaintenanceMs: durationMs(values, 'link-maintenance-interval', 2000),
    linkHeartbeatMs: durationMs(values, 'link-heartbeat-interval', 120000),
    flowMessages: Number(values['ha-flow-messages'] ?? 1000),
    flowBytes: Number(values['ha-flow-bytes'] ?? 0),
  }
}
