// Performance (and what the broker relies on): rhea decodes every format-0 transfer with
// message.decode() into a message object, which the broker would have to re-encode. That function
// (on rhea's own module object, so the session code picks it up) becomes the broker's scan, which
// keeps the encoded bytes. The received slice is copied so a queued message does not pin the
// socket read buffer it arrived in.
import { scanMessage } from '../../message/codec.js'
import { expectFunction, type RheaPatch } from './patch.js'

export const rawDecoding: RheaPatch = {
  name: 'raw decoding',
  check: (r) => expectFunction(r.message, 'message', 'decode', { arity: 1 }),
  install(r) {
    r.message.decode = (buf: Buffer) =>
      // a multi-frame message was already concatenated into its own buffer: no second copy
      scanMessage(buf.byteOffset === 0 && buf.buffer.byteLength === buf.length ? buf : Buffer.from(buf))
  },
}
