#!/usr/bin/env node
import { qpidHa } from '../dist/cli/qpid-ha/definition.js'
import { runTool } from '../dist/cli/run-tool.js'

await runTool(qpidHa, process.argv.slice(2))
