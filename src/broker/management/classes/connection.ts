// QMF classes `connection`, `session` and `subscription` for AMQP 1.0 clients. Frame counters
// count transfers (rhea does not expose per-frame hooks); byte counters come from the socket.

import { bool, ref, str, type Typed, u16, u32, u64, value } from '../../../protocol/qmf-encode.js'
import type { ConnectionInfo, SessionInfo } from '../../transport/connection-info.js'
import type { OutgoingConsumer } from '../../transport/consumer.js'
import { connectionOid, type ManagementContext, queueOid, sessionOid, VHOST_OID } from '../context.js'
import { type ManagedClass, type ManagedObject, PKG } from '../registry.js'

function connectionValues(c: ConnectionInfo): Record<string, Typed> {
  const bytes = c.socketBytes()
  const v: Record<string, Typed> = {
    vhostRef: ref(VHOST_OID),
    address: str(c.address),
    incoming: bool(true),
    SystemConnection: bool(false),
    userProxyAuth: bool(false),
    federationLink: bool(false),
    authIdentity: str(c.authIdentity),
    shadow: bool(false),
    saslMechanism: str(c.saslMechanism),
    saslSsf: u16(0),
    remoteProperties: value(c.remoteProperties),
    protocol: str('AMQP 1.0'),
    closing: bool(c.closing),
    framesFromClient: u64(c.framesFromClient),
    framesToClient: u64(c.framesToClient),
    bytesFromClient: u64(bytes.read),
    bytesToClient: u64(bytes.written),
    msgsFromClient: u64(c.msgsFromClient),
    msgsToClient: u64(c.msgsToClient),
  }
  if (c.remoteProcessName !== undefined) v.remoteProcessName = str(c.remoteProcessName)
  if (c.remotePid !== undefined) v.remotePid = u32(c.remotePid)
  if (c.remoteParentPid !== undefined) v.remoteParentPid = u32(c.remoteParentPid)
  return v
}

function managedConnection(c: ConnectionInfo): ManagedObject {
  return {
    objectName: connectionOid(c.address),
    createdAt: c.createdAt,
    updatedAt: () => c.updatedAt,
    values: () => connectionValues(c),
    target: c,
  }
}

export function connectionClass(ctx: ManagementContext): ManagedClass {
  return {
    packageName: PKG,
    className: 'connection',
    objects: () => [...ctx.server.connections].map(managedConnection),
    methods: {
      close(obj) {
        ;(obj.target as ConnectionInfo).close?.()
        return {}
      },
    },
  }
}

function managedSession(s: SessionInfo): ManagedObject {
  return {
    objectName: sessionOid(s.name),
    createdAt: s.createdAt,
    updatedAt: () => s.connection.updatedAt,
    values: () => ({
      vhostRef: ref(VHOST_OID),
      name: str(s.name.slice(0, 254)),
      fullName: str(s.name),
      channelId: u16(s.channel),
      connectionRef: ref(connectionOid(s.connection.address)),
      detachedLifespan: u32(0),
      attached: bool(true),
      unackedMessages: u64(s.unacked()),
      TxnStarts: u64(0),
      TxnCommits: u64(0),
      TxnRejects: u64(0),
      TxnCount: u32(0),
      clientCredit: u32(s.credit()),
      framesOutstanding: u32(0),
    }),
    target: s,
  }
}

export function sessionClass(ctx: ManagementContext): ManagedClass {
  return {
    packageName: PKG,
    className: 'session',
    *objects() {
      for (const c of ctx.server.connections) for (const s of c.sessions.values()) yield managedSession(s)
    },
  }
}

function managedSubscription(c: OutgoingConsumer): ManagedObject {
  const sOid = sessionOid(c.session.name)
  return {
    objectName: `${PKG}:subscription:${sOid},${queueOid(c.queue.name)},${c.name}`,
    createdAt: c.createdAt,
    updatedAt: () => c.connection.updatedAt,
    values: () => ({
      sessionRef: ref(sOid),
      queueRef: ref(queueOid(c.queue.name)),
      name: str(c.name),
      browsing: bool(c.browsing),
      acknowledged: bool(c.acknowledged),
      exclusive: bool(c.exclusive),
      creditMode: str('CREDIT'),
      arguments: value({}),
      delivered: u64(c.delivered),
    }),
    target: c,
  }
}

export function subscriptionClass(ctx: ManagementContext): ManagedClass {
  return {
    packageName: PKG,
    className: 'subscription',
    *objects() {
      for (const conn of ctx.server.connections) for (const c of conn.consumers) yield managedSubscription(c)
    },
  }
}
