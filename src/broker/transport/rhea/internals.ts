// rhea's private modules, loaded once for the patches in this folder. rhea exports none of these
// objects (session.js keeps its Incoming/Outgoing halves to itself), so they are reached by path,
// and the two halves through a throw-away Session. Nothing here changes rhea.
import { createRequire } from 'node:module'
import { RHEA_VERSION } from '../../../protocol/rhea-pin.js'

const require = createRequire(import.meta.url)

/** A module object or prototype whose functions the patches read and replace. */
export type Members = Record<string, any>

export interface RheaInternals {
  version: string
  frames: Members
  types: Members
  message: Members
  log: Members
  session: Members
  /** Session.js's private Incoming.prototype and Outgoing.prototype. */
  incoming: Members
  outgoing: Members
  connection: Members
  /** link.js's shared prototype under Sender and Receiver. */
  link: Members
  sender: Members
  container: Members
  endpointState: Members
}

let loaded: RheaInternals | undefined

/** The internals of the rhea this process runs (loaded on first use). */
export function rheaInternals(): RheaInternals {
  loaded ??= loadRheaInternals()
  return loaded
}

function loadRheaInternals(): RheaInternals {
  const Session = require('rhea/lib/session.js') as { prototype: Members } & (new (...a: unknown[]) => Members)
  const probe = new Session({}, 0)
  const { Sender } = require('rhea/lib/link.js') as { Sender: { prototype: Members } }
  const container = require('rhea/lib/container.js') as object
  const EndpointState = require('rhea/lib/endpoint.js') as { prototype: Members }
  return {
    version: RHEA_VERSION,
    frames: require('rhea/lib/frames.js'),
    types: require('rhea/lib/types.js'),
    message: require('rhea/lib/message.js'),
    log: require('rhea/lib/log.js'),
    session: Session.prototype,
    incoming: Object.getPrototypeOf(probe.incoming),
    outgoing: Object.getPrototypeOf(probe.outgoing),
    connection: (require('rhea/lib/connection.js') as { prototype: Members }).prototype,
    link: Object.getPrototypeOf(Sender.prototype),
    sender: Sender.prototype,
    container: Object.getPrototypeOf(container),
    endpointState: EndpointState.prototype,
  }
}
