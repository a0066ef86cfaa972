// Declares many queues over QMF with requests in flight in parallel, for the 10,000-queue benchmarks.
import { BrokerAgent, parseBrokerUrl, type QmfMap } from '../src/qmf/index.js'

const IN_FLIGHT = 200

/** Creates `count` queues `bench-q-00000`...; returns the wall time in ms. */
export async function declareQueues(
  port: number,
  count: number,
  properties: (i: number) => QmfMap = () => ({}),
): Promise<number> {
  const started = performance.now()
  const agent = await BrokerAgent.connect({
    url: parseBrokerUrl(`127.0.0.1:${port}`),
    timeoutMs: 10_000,
    replyTimeoutMs: 60_000,
    clientProcess: 'bench',
  })
  try {
    let next = 0
    const worker = async () => {
      for (let i = next++; i < count; i = next++) {
        await agent.callMethod('org.apache.qpid.broker:broker:amqp-broker', 'create', {
          type: 'queue',
          name: `bench-q-${String(i).padStart(5, '0')}`,
          properties: properties(i),
          strict: true,
        })
      }
    }
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker))
  } finally {
    agent.close()
  }
  return performance.now() - started
}

export const DECLARE_NOTE = `declared over QMF with ${IN_FLIGHT} requests in flight`
