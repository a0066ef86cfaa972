// A fix for rhea 3.0.5's frame order. Its Session._process() writes queued transfers before the
// attach frames of links opened in the same tick. A broker meets that case whenever a consumer's
// attach and first flow arrive in one read on a queue that holds messages: rhea answers the attach
// (queued), the flow grants credit, we hand messages over, and the transfers would go out first.
// Clients (rhea, Proton) then drop the connection: "Invalid handle". We write pending attaches
// first (after a pending begin); everything else in the session's processing stays rhea's.
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

interface RheaLinkState {
  open_requests: number
}
interface RheaLink {
  state: RheaLinkState
  local: { attach: unknown }
}
interface RheaSession {
  state: { need_open(): boolean }
  local: { begin: unknown }
  links: Record<string, RheaLink>
  output(frame: unknown): void
}

let installed = false
export function patchAttachBeforeTransfer(): void {
  if (installed) return
  installed = true
  const Session = require('rhea/lib/session.js') as { prototype: { _process(this: RheaSession): void } }
  const original = Session.prototype._process
  Session.prototype._process = function (this: RheaSession) {
    // the session's own begin, if pending, still goes first (rhea's order)
    if (this.state.need_open()) this.output(this.local.begin)
    for (const name in this.links) {
      const link = this.links[name]
      // rhea's link._process() writes the attach when open_requests > 0 (need_open); do it here,
      // ahead of the transfers, and consume the request so it is not written twice.
      if (link.state.open_requests > 0) {
        link.state.open_requests--
        this.output(link.local.attach)
      }
    }
    original.call(this)
  }
}
