#!/usr/bin/env node
import { main } from '../dist/client/programs/receive.js'

await main(process.argv.slice(2))
