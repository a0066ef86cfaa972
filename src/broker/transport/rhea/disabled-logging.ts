// Performance: rhea calls its `debug` loggers several times per frame, and a disabled `debug` logger
// still checks its enabled state on every call. Loggers not enabled at start-up (DEBUG=rhea:...)
// become no-ops.
import type { RheaPatch } from './patch.js'

const LOGGERS = ['config', 'frames', 'raw', 'reconnect', 'events', 'message', 'flow', 'io']

export const disabledLogging: RheaPatch = {
  name: 'disabled logging',
  check: (r) =>
    LOGGERS.filter(
      (k) => typeof r.log[k] !== 'function' || !('enabled' in r.log[k]) || r.log[k].namespace !== `rhea:${k}`,
    ).map((k) => `log.${k} is not a debug logger`),
  install(r) {
    const noop = () => {}
    for (const k of Object.keys(r.log)) if (!r.log[k].enabled) r.log[k] = noop
  },
}
