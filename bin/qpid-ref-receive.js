#!/usr/bin/env node
import { main } from '../dist/client/tools/receive.js'

await main(process.argv.slice(2))
