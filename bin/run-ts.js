#!/usr/bin/env node
'use strict';
// Runs a TypeScript file of this workspace: node bin/run-ts.js FILE.ts [args]
require('../tools/register');
const path = require('path');
const file = process.argv[2];
if (!file) {
  console.error('usage: run-ts FILE.ts [args...]');
  process.exit(2);
}
process.argv.splice(1, 1);
require(path.resolve(file));
