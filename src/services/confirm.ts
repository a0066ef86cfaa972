// The confirmation asked before a change that destroys messages or stops a broker (not in the
// originals, docs/compat.md). Only someone at a terminal is asked: stdin and stdout must both be
// terminals, so a script, a pipe or a redirected run behaves as the original did. The prompt
// library is loaded only when a question is actually asked, so start-up pays nothing for it.
import { escapeControls, rawTerminal } from '../cli/output-guard.js'

/** Whether a person can be asked: stdin and stdout are both terminals. */
export function atTerminal(): boolean {
  return Boolean(process.stdin.isTTY && process.stdout.isTTY)
}

/** Asks `question` (default no) and resolves true for yes. Ctrl-C at the prompt exits 130. */
export async function confirmed(question: string): Promise<boolean> {
  const { confirm } = await import('@inquirer/prompts')
  try {
    return await confirm({ message: escapeControls(question), default: false }, { output: rawTerminal() })
  } catch (err) {
    // the prompt reads Ctrl-C as a key (raw mode), so no SIGINT comes: exit as an interrupt does
    if (err instanceof Error && err.name === 'ExitPromptError') process.exit(130)
    throw err
  }
}
