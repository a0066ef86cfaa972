#!/usr/bin/env node
import { main } from '../dist/cluster/main.js'

await main()
