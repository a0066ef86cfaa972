#!/usr/bin/env node
import { main } from '../dist/client/programs/send.js'

await main(process.argv.slice(2))
