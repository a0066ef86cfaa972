#!/usr/bin/env node
import '../dist/broker/main.js'
