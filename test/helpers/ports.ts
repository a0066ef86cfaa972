// Ports for tests that need one nobody listens on.
import { createServer } from 'node:net'

/** A 127.0.0.1 port nothing listens on (bound, then released): connections to it are refused. */
export function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}
