#!/usr/bin/env node
'use strict';
// npm links a workspace's bin into node_modules/.bin but never the root
// package's own, so this is what `npm ci` puts on PATH as kubectl-chrono.
// Node resolves the symlink, so the path below is relative to apps/cli/bin.
require('../../../bin/kubectl-chrono.js');
