// qmf.console hands a method's outcome back as a result (status, text) instead of raising, and
// qpid-route decides per call whether a non-zero status is an error. QmfConsole rejects on an
// agent `_exception`, so this turns that rejection back into a result; transport failures
// (timeouts, lost connections) still throw.

import { PythonError } from '../../protocol/errors.js'
import type { QmfConsole, QmfMap } from '../../protocol/qmf-types.js'

export interface MethodResult {
  status: number
  text: string
  outArgs: QmfMap
}

export async function invoke(
  agent: QmfConsole,
  objectName: string,
  method: string,
  args: QmfMap = {},
): Promise<MethodResult> {
  try {
    return { status: 0, text: 'OK', outArgs: await agent.callMethod(objectName, method, args) }
  } catch (err) {
    if (err instanceof PythonError && err.agentText !== undefined) {
      return { status: err.code ?? 0, text: err.agentText, outArgs: {} }
    }
    throw err
  }
}
