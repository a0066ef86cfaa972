#!/usr/bin/env node
import { qpidRoute } from '../dist/cli/qpid-route/definition.js'
import { runTool } from '../dist/cli/run-tool.js'

await runTool(qpidRoute, process.argv.slice(2))
