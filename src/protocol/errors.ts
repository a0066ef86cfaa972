// The one error type of the tools, their QMF console and the client floor. The Python tools print
// an error as its exception class and message (`Failed: ConnectError: ...`, `Failed: Exception -
// ...`, `AttributeError: ...`), so the class name travels with the message and each tool renders
// it in its own original format.
export class PythonError extends Error {
  override name = 'PythonError'
  constructor(
    /** The Python exception class the original raised: ConnectError, Timeout, ValueError, Exception, ... */
    readonly pythonClass: string,
    message: string,
    /** QMF error code when the agent answered `_exception`. */
    readonly code?: number,
    /** The agent's raw `error_text` (qmf.console tools print it alone, as a method result's text). */
    readonly agentText?: string,
  ) {
    super(message)
  }
}

/** A plain `Exception` with the original's text (what qpid-route raised itself). */
export const pythonException = (message: string): PythonError => new PythonError('Exception', message)

/** The agent's `_exception` answer, rendered as the Python BrokerAgent did. */
export function agentException(code: number, text: string): PythonError {
  return new PythonError(
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
    else if (ch < ' ' || (ch >= '\x7f' && ch <= '\x9f')) out += `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`
    else out += ch
  }
  return quote + out + quote
}

/** Maps a socket error to the text Python's socket module printed for it. */
export function socketError(err: NodeJS.ErrnoException): PythonError {
  switch (err.code) {
    case 'ECONNREFUSED':
      return new PythonError('ConnectError', '[Errno 111] Connection refused')
    case 'ENOTFOUND':
      return new PythonError('ConnectError', '[Errno -2] Name or service not known')
    case 'EAI_AGAIN':
      return new PythonError('ConnectError', '[Errno -3] Temporary failure in name resolution')
    case 'ETIMEDOUT':
      return new PythonError('ConnectError', '[Errno 110] Connection timed out')
    case 'EHOSTUNREACH':
      return new PythonError('ConnectError', '[Errno 113] No route to host')
    case 'ECONNRESET':
    // A peer that drops the connection after its open (an HA backup refusing a client) can meet the
    // begin and attaches the client pipelines behind its own open (agent.ts): the write fails.
    case 'EPIPE':
      return new PythonError('ConnectionError', 'connection aborted')
    default:
      return new PythonError('ConnectError', err.message)
  }
}
