'use strict';
/**
 * Lets plain `node` load the workspace's TypeScript sources directly, so that
 * `npx chronokube` works right after `npm ci` with no build step. Files under
 * node_modules are left alone; workspace packages resolve through their npm
 * workspace symlinks to libs/ and apps/, which are compiled here with SWC.
 */
const fs = require('fs');
const path = require('path');
const swc = require('@swc/core');
const options = require('./swc-options')();

if (!require.extensions['.ts']) {
  require.extensions['.ts'] = function compileTs(module, filename) {
    const source = fs.readFileSync(filename, 'utf8');
    const out = swc.transformSync(source, { ...options, filename });
    module._compile(out.code, filename);
  };
  // Source maps make stack traces point at the .ts lines.
  process.setSourceMapsEnabled?.(true);
}
module.exports = { root: path.resolve(__dirname, '..') };
