#!/usr/bin/env node
'use strict';
// The kubectl plugin: kubectl runs any `kubectl-chrono` on PATH for `kubectl chrono ...`.
require('../tools/register');
require('../apps/cli/src/chrono/main.ts').main(process.argv.slice(2));
