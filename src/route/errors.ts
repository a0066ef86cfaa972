// The exceptions qpid-route raised itself, with the Python class name its handler printed
// (`Failed: <Class> - <message>`). Most are plain `Exception`s with the original's texts.
export class RouteError extends Error {
  override name = 'RouteError'
  constructor(
    readonly pythonClass: string,
    message: string,
  ) {
    super(message)
  }
}

export function routeException(message: string): RouteError {
  return new RouteError('Exception', message)
}
