#!/usr/bin/env node
import { qpidConfig } from '../dist/cli/qpid-config/definition.js'
import { runTool } from '../dist/cli/run-tool.js'

await runTool(qpidConfig, process.argv.slice(2))
