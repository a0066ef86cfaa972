#!/usr/bin/env node
import { runTool } from '../dist/cli/run-tool.js'
import { qpidStat } from '../dist/cli/tools/qpid-stat.js'

await runTool(qpidStat, process.argv.slice(2))
