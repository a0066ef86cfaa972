// Heartbeats on inter-broker links: each end announces --link-heartbeat-interval as its AMQP idle
// time-out, so the peer sends a frame at least every half interval, and rhea declares the link
// dead after twice the interval of silence (qpidd's rule). rhea then sends a close and waits 1 s
// more before dropping the socket; a hung peer never reads that close, so we drop it at once and
// held senders are released exactly at twice the interval.

type RheaConnection = any

export function dropWhenSilent(conn: RheaConnection): void {
  // rhea's own abort: drop the socket and report the disconnect
  conn.idle = () => conn.abort_socket(conn.socket)
}
