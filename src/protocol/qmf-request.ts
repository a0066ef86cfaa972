// How a QMF v2 request travels over AMQP 1.0 (qmf.md §1): to exchange `qmf.default.direct` with
// subject `broker` and app-id `qmf2`, both mandatory, else qpidd drops the request silently. The
// tools' console and the broker's federation links (calling methods on a remote broker) both send these.

export const QMF_REQUEST_ADDRESS = 'qmf.default.direct'
export const BROKER_OBJECT = 'org.apache.qpid.broker:broker:amqp-broker'
export const HA_BROKER_OBJECT = 'org.apache.qpid.ha:habroker:ha-broker'

export type QmfOpcode = '_query_request' | '_method_request'

/** The AMQP message of one request; `correlationId` pairs the reply with it. */
export function qmfRequest(opcode: QmfOpcode, body: object, replyTo: string, correlationId: string) {
  return {
    subject: 'broker',
    reply_to: replyTo,
    correlation_id: correlationId,
    application_properties: { 'x-amqp-0-10.app-id': 'qmf2', 'qmf.opcode': opcode, method: 'request' },
    body,
  }
}

/** The body of a `_method_request` for method `method` of object `objectName`. */
export function methodRequestBody(objectName: string, method: string, args: object) {
  return { _object_id: { _object_name: objectName }, _method_name: method, _arguments: args }
}
