// Correctness: rhea keys a session's links by name alone, but AMQP link names are unique per
// direction: a client may attach a sender and a receiver with the same name (Proton's
// BlockingConnection does this for `create_sender("q")` + `create_receiver("q")`). rhea then treats
// the second attach as a duplicate ("Attach already received") and drops the connection. The second
// link now gets its own key in the session's table.
import { expectFunction, type RheaPatch } from './patch.js'

interface RheaLink {
  name: string
  is_sender(): boolean
  on_attach(frame: unknown): void
  remote: { attach?: unknown; handle: number }
  local: { handle: number }
}
interface RheaSession {
  links: Record<string, RheaLink>
  remote: { handles: Record<number, RheaLink> }
  local: { handles: Record<number, RheaLink> }
  create_sender(name: string): RheaLink
  create_receiver(name: string): RheaLink
}
type AttachFrame = { performative: { name: string; role: boolean; handle: number } }

export const linkNames: RheaPatch = {
  name: 'link names per direction',
  check: (r) => [
    ...expectFunction(r.session, 'Session', 'on_attach', { fragment: 'this.links[name]' }),
    ...expectFunction(r.session, 'Session', 'remove_link', { fragment: 'delete this.links[link.name]' }),
    ...expectFunction(r.session, 'Session', 'create_sender'),
    ...expectFunction(r.session, 'Session', 'create_receiver'),
  ],
  install(r) {
    const originalAttach = r.session.on_attach
    r.session.on_attach = function (this: RheaSession, frame: AttachFrame) {
      const { name, role, handle } = frame.performative
      const existing = this.links[name]
      // peer role true = peer receives = we send
      if (!existing || existing.is_sender() === !!role) {
        originalAttach.call(this, frame)
        return
      }
      const link = role ? this.create_sender(name) : this.create_receiver(name)
      this.links[name] = existing
      this.links[`${name}\u0000${role ? 'out' : 'in'}`] = link
      this.remote.handles[handle] = link
      link.on_attach(frame)
      link.remote.attach = frame.performative
    }
    // same as rhea's, but removes the link under whichever key it was stored
    r.session.remove_link = function (this: RheaSession, link: RheaLink) {
      delete this.remote.handles[link.remote.handle]
      delete this.local.handles[link.local.handle]
      for (const k of Object.keys(this.links)) if (this.links[k] === link) delete this.links[k]
    }
  },
}
