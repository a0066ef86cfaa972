#!/usr/bin/env node
import { qpidStat } from '../dist/cli/qpid-stat/definition.js'
import { runTool } from '../dist/cli/run-tool.js'

await runTool(qpidStat, process.argv.slice(2))
