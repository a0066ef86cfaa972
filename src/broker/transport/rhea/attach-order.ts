// Correctness: rhea 3.0.5's frame order. Its Session._process() writes queued transfers before the
// attach frames of links opened in the same tick. A broker meets that case whenever a consumer's
// attach and first flow arrive in one read on a queue that holds messages: rhea answers the attach
// (queued), the flow grants credit, we hand messages over, and the transfers would go out first.
// Clients (rhea, Proton) then drop the connection: "Invalid handle". Pending attaches are now
// written first (after a pending begin); everything else in the session's processing stays rhea's.
import { expectFunction, type RheaPatch } from './patch.js'

interface RheaLink {
  state: { open_requests: number }
  local: { attach: unknown }
}
interface RheaSession {
  state: { need_open(): boolean }
  local: { begin: unknown }
  links: Record<string, RheaLink>
  output(frame: unknown): void
}

export const attachOrder: RheaPatch = {
  name: 'attach before transfers',
  check: (r) => [
    ...expectFunction(r.session, 'Session', '_process', { fragment: 'this.outgoing.process()' }),
    ...expectFunction(r.endpointState, 'EndpointState', 'need_open', { fragment: 'open_requests' }),
    ...expectFunction(r.link, 'link', '_process', { fragment: 'this.state.need_open()' }),
  ],
  install(r) {
    const original = r.session._process
    r.session._process = function (this: RheaSession) {
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
  },
}
