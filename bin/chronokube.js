#!/usr/bin/env node
'use strict';
require('../tools/register');
require('../apps/cli/src/main.ts').main(process.argv.slice(2));
