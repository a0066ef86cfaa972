#!/usr/bin/env node
import { runTool } from '../dist/cli/run-tool.js'
import { qpidRoute } from '../dist/cli/tools/qpid-route.js'

await runTool(qpidRoute, process.argv.slice(2))
