// One error class for the whole QMF client. `pythonClass` is the exception class name the Python
// tools print (`Failed: ConnectError: ...`), so each tool renders errors in its original format.
export type PythonClass =
  | 'ConnectError'
  | 'ConnectionError'
  | 'AuthenticationFailure'
  | 'Timeout'
  | 'ValueError'
  | 'Exception'
  | 'FileNotFoundError'

export class QmfError extends Error {
  override name = 'QmfError'
  constructor(
    readonly pythonClass: PythonClass,
    message: string,
    /** QMF error code when the agent answered `_exception`. */
    readonly code?: number,
    /** The agent's raw `error_text` (qmf.console tools print it alone, as a method result's text). */
    readonly agentText?: string,
  ) {
    super(message)
  }
}

/** The agent's `_exception` answer, rendered as the Python BrokerAgent did. */
export function agentException(code: number, text: string): QmfError {
  return new QmfError(
    'Exception',
    `Exception from Agent: {'error_code': ${code}, 'error_text': ${pyStr(text)}}`,
    code,
    text,
  )
}

/** Python 3 repr of a str: single quotes unless the text holds a single quote and no double quote. */
export function pyStr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'"
  let out = ''
  for (const ch of s) {
    if (ch === '\\') out += '\\\\'
    else if (ch === quote) out += `\\${ch}`
    else if (ch === '\n') out += '\\n'
    else if (ch === '\r') out += '\\r'
    else if (ch === '\t') out += '\\t'
    else if (ch < ' ' || ch === '\x7f') out += `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`
    else out += ch
  }
  return quote + out + quote
}

/** Maps a socket error to the text Python's socket module printed for it. */
export function socketError(err: NodeJS.ErrnoException): QmfError {
  switch (err.code) {
    case 'ECONNREFUSED':
      return new QmfError('ConnectError', '[Errno 111] Connection refused')
    case 'ENOTFOUND':
      return new QmfError('ConnectError', '[Errno -2] Name or service not known')
    case 'EAI_AGAIN':
      return new QmfError('ConnectError', '[Errno -3] Temporary failure in name resolution')
    case 'ETIMEDOUT':
      return new QmfError('ConnectError', '[Errno 110] Connection timed out')
    case 'EHOSTUNREACH':
      return new QmfError('ConnectError', '[Errno 113] No route to host')
    case 'ECONNRESET':
    // A peer that drops the connection after its open (an HA backup refusing a client) can meet the
    // begin and attaches the client pipelines behind its own open (agent.ts): the write fails.
    case 'EPIPE':
      return new QmfError('ConnectionError', 'connection aborted')
    default:
      return new QmfError('ConnectError', err.message)
  }
}
