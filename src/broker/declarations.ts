// What declares a queue, an exchange or a binding, as plain data: the one shape that declare
// interceptors see (hooks.ts), that the store records (store/), and that HA replicates to its
// backups (ha/protocol.ts).

export interface QueueDeclaration {
  name: string
  durable: boolean
  autoDelete: boolean
  exclusive: boolean
  arguments: Record<string, unknown>
  alternateExchange?: string
}

export interface ExchangeDeclaration {
  name: string
  type: string
  durable: boolean
  autoDelete: boolean
  arguments: Record<string, unknown>
  alternateExchange?: string
}

export interface BindingDeclaration {
  exchange: string
  queue: string
  key: string
  arguments: Record<string, unknown>
}
