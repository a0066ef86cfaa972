// Ctrl-C (SIGINT) in every tool: an empty line (what qpid-config and qpid-stat printed for their
// KeyboardInterrupt) and exit 130, the shell's code for a command ended by SIGINT, so a script can
// tell an interrupted command from one that succeeded (docs/compat.md). The one place where Ctrl-C
// is the normal end, qpid-stat --watch, takes the signal over while it watches.

let takenOver: (() => void) | undefined

/** Installs the tools' Ctrl-C handling; called first thing, before any connection is opened. */
export function installInterrupt(): void {
  process.on('SIGINT', () => {
    if (takenOver) return takenOver()
    process.stdout.write('\n')
    process.exit(130)
  })
}

/** Until the returned function is called, Ctrl-C calls `handler` instead of ending the tool. */
export function takeOverInterrupt(handler: () => void): () => void {
  takenOver = handler
  return () => {
    if (takenOver === handler) takenOver = undefined
  }
}
