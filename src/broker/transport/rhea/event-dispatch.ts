// Performance: rhea passes every event up link → session → connection → container, and at each
// level tests `this.listeners(name).length`, which copies the listener array (several allocations
// per message). Same behaviour with listenerCount().
import { expectFunction, type RheaPatch } from './patch.js'

interface Emitter {
  listenerCount(name: string): number
  emit(name: string, ...args: unknown[]): boolean
}
type Dispatch = (name: string, ...args: unknown[]) => boolean

/** A link's or a session's dispatch: its observers, then its own listeners, else up to its `parent`. */
function dispatchUpTo<P extends 'session' | 'connection'>(parent: P) {
  return function (
    this: Emitter & { observers: Emitter } & Record<P, { dispatch: Dispatch }>,
    name: string,
    ...args: unknown[]
  ) {
    if (this.observers.listenerCount(name)) this.observers.emit(name, ...args)
    if (this.listenerCount(name)) {
      this.emit(name, ...args)
      return true
    }
    return this[parent].dispatch(name, ...args)
  }
}

export const eventDispatch: RheaPatch = {
  name: 'event dispatch',
  check: (r) => [
    ...expectFunction(r.link, 'link', 'dispatch', { fragment: 'this.session.dispatch.apply(this.session' }),
    ...expectFunction(r.session, 'Session', 'dispatch', { fragment: 'this.observers' }),
    ...expectFunction(r.connection, 'Connection', 'dispatch', { fragment: 'this.container.dispatch.apply' }),
    ...expectFunction(r.container, 'Container', 'dispatch', { fragment: 'this.listeners(name).length' }),
  ],
  install(r) {
    r.link.dispatch = dispatchUpTo('session')
    r.session.dispatch = dispatchUpTo('connection')
    r.connection.dispatch = function (
      this: Emitter & { container?: { dispatch: Dispatch } },
      name: string,
      ...args: unknown[]
    ) {
      if (this.listenerCount(name)) {
        this.emit(name, ...args)
        return true
      }
      return this.container ? this.container.dispatch(name, ...args) : false
    }
  },
}

/**
 * The last stop of every event, for the broker's own container only: count listeners instead of
 * copying the array, and never throw for an 'error' nobody listens to (rhea's emits it regardless).
 */
export function quietContainerDispatch(container: Emitter & { dispatch: Dispatch }): void {
  container.dispatch = function (this: Emitter, name: string, ...args: unknown[]) {
    if (this.listenerCount(name) === 0) return false
    this.emit(name, ...args)
    return true
  }
}
