#!/usr/bin/env node
import { runTool } from '../dist/cli/run-tool.js'
import { qpidConfig } from '../dist/cli/tools/qpid-config.js'

await runTool(qpidConfig, process.argv.slice(2))
