#!/usr/bin/env node
import { runTool } from '../dist/cli/run-tool.js'
import { qpidHa } from '../dist/cli/tools/qpid-ha.js'

await runTool(qpidHa, process.argv.slice(2))
