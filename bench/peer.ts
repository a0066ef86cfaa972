// The broker benchmarks' client side and process probes: bench/broker-peer.mjs runs as its own
// process (so client and broker never share an event loop), and /proc tells a broker's RSS and CPU.
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from '../test/helpers/broker.js'

/** Runs `broker-peer.mjs send|receive ...`; resolves with its report ({ms} from connection open). */
export function peer(args: string[]): Promise<{ ms: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bench/broker-peer.mjs'), ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let out = ''
    child.stdout.on('data', (d) => {
      out += d
    })
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').pop() as string))
        : reject(new Error(`peer ${args[0]} exited ${code}`)),
    )
  })
}

/** CPU time (user + system) a process has used so far, in ms. */
export function cpuMs(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
  return (Number(f[11]) + Number(f[12])) * 10
}

export function rssKb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return m ? Number(m[1]) : 0
}
