// What the operator can ask of a running qpid-cluster: `restart N` and `status` typed on its stdin
// when that is a terminal, and SIGUSR1, which restarts every member that has exited (for a
// launcher without a terminal). Requests run one after another.
import { createInterface } from 'node:readline'
import { progress } from '../cli/progress.js'
import { type Member, until } from './member.js'
import { runTool, typedTool } from './tool-command.js'

const HELP =
  "commands: 'restart N' (N = 1, 2 or 3) stops member N if it runs and starts it again; 'status' shows the members\n"

/** States a restarted member may settle in; joining means there is no primary to join. */
const SETTLED = ['ready', 'active', 'standalone']

/** Starts member `m` again on its own data directory (stopped first when running) and reports how it came back. */
async function restart(m: Member): Promise<void> {
  const name = `member ${m.config.n} (${m.address})`
  const p = await progress(`Restarting ${name}`)
  await m.stop()
  m.start()
  if (!(await m.answers())) {
    p.done(false, `${name} did not start again (see ${m.log})`)
    return
  }
  p.text(`Waiting for ${name} to be ready`)
  let status: string | undefined
  await until(15000, async () => {
    status = await m.status()
    return SETTLED.includes(status ?? '')
  })
  const hint =
    status === 'joining' ? `; no primary to join: ${typedTool('qpid-ha')} promote -b <member> --cluster-manager` : ''
  p.done(
    status !== undefined && SETTLED.includes(status),
    `${name} restarted: pid ${m.pid}, ${status ?? 'not answering'}${hint}`,
  )
}

async function showStatus(members: Member[]): Promise<void> {
  for (const m of members)
    process.stdout.write(`member ${m.config.n} ${m.address} ${m.pid === undefined ? 'not running' : `pid ${m.pid}`}\n`)
  const s = await runTool('qpid-ha', ['status', '-b', members[0].address, '--all', '--timeout', '1'])
  process.stdout.write(s.stdout)
}

export function listenForCommands(members: Member[], stopping: () => boolean): void {
  let queue = Promise.resolve()
  const serially = (job: () => Promise<void>) => {
    queue = queue
      .then(() => (stopping() ? undefined : job()))
      .catch((e: Error) => {
        process.stderr.write(`qpid-cluster: ${e.message}\n`)
      })
  }
  process.on('SIGUSR1', () =>
    serially(async () => {
      const down = members.filter((m) => !m.running())
      if (down.length === 0) process.stdout.write('qpid-cluster: SIGUSR1: every member is running\n')
      for (const m of down) await restart(m)
    }),
  )
  if (!process.stdin.isTTY) return
  // terminal: false keeps the terminal's own line editing, echo and Ctrl-C (SIGINT)
  const lines = createInterface({ input: process.stdin, terminal: false })
  lines.on('line', (line) => {
    const words = line.trim().split(/\s+/)
    if (words[0] === '') return
    const m = members.find((x) => String(x.config.n) === words[1])
    if (words[0] === 'restart' && words.length === 2 && m) serially(() => restart(m))
    else if (words[0] === 'status' && words.length === 1) serially(() => showStatus(members))
    else process.stdout.write(HELP)
  })
}
