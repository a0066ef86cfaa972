// Errors with qpidd's texts (`<prefix>: <message>`); the QMF agent returns `message` as error_text
// (code 7) and the AMQP layer maps `condition` onto link/delivery errors.

export class BrokerError extends Error {
  constructor(
    message: string,
    readonly condition = 'amqp:internal-error',
  ) {
    super(message)
  }
}

export const notFound = (text: string) => new BrokerError(`not-found: ${text}`, 'amqp:not-found')
export const invalidArgument = (text: string) => new BrokerError(`invalid-argument: ${text}`, 'amqp:invalid-field')
export const preconditionFailed = (text: string) =>
  new BrokerError(`precondition-failed: ${text}`, 'amqp:precondition-failed')
export const notAllowed = (text: string) => new BrokerError(`not-allowed: ${text}`, 'amqp:not-allowed')
