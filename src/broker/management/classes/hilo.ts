// hilo32 statistics appear as three keys: X, XHigh, XLow (uint32).

import { type Typed, u32 } from '../../../protocol/qmf-encode.js'
import type { HiLo } from '../../nodes/stats.js'

export function putHiLo(v: Record<string, Typed>, name: string, h: HiLo): void {
  v[name] = u32(h.value)
  v[`${name}High`] = u32(h.high)
  v[`${name}Low`] = u32(h.low)
}
