// Public surface of the failover AMQP 1.0 client.

export { parseAddressList } from '../protocol/url.js'
export { Backoff } from './backoff.js'
export { ClientError, type ClientErrorKind } from './errors.js'
export {
  type AttemptFailedEvent,
  type ConnectedEvent,
  type DisconnectedEvent,
  FailoverConnection,
} from './failover-connection.js'
export { FailoverReceiver, type ReceivedMessage, type ReceiverOptions } from './failover-receiver.js'
export { FailoverSender, type SenderOptions } from './failover-sender.js'
export { DEFAULTS, type FailoverOptions } from './options.js'
export { formatRanges, type Range, rangeCount, SequenceTracker, toRanges } from './sequence-tracker.js'
