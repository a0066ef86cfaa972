#!/usr/bin/env node
import { main } from '../dist/client/tools/send.js'

await main(process.argv.slice(2))
