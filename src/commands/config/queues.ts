import { Args, Command, Flags } from '@oclif/core'

export default class Queues extends Command {
  static override args = { filter: Args.string() }
  static override flags = {
    broker: Flags.string(),
    durable: Flags.boolean(),
    argument: Flags.string({ multiple: true }),
  }
  async run(): Promise<void> {
    const { args, flags } = await this.parse(Queues)
    this.log(JSON.stringify({ args, flags }))
  }
}
