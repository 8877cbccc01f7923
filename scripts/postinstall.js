#!/usr/bin/env node
'use strict';
/**
 * Root postinstall: builds the web UI after `npm ci` when apps/web exists
 * and apps/web/out is missing or older than its sources, with one progress
 * line (apps/cli/src/web/ensure-built.ts decides and builds). A failed
 * build never fails the install: it is reported, and `chronokube web`
 * tries again.
 */
const fs = require('fs');
const path = require('path');

async function main() {
  // Nothing to build (and nothing to load) in a checkout without the UI.
  if (!fs.existsSync(path.join(__dirname, '../apps/web/package.json'))) return;
  require('../tools/register');
  const { ensureWebBuilt } = require(path.join(__dirname, '../apps/cli/src/web/ensure-built.ts'));
  await ensureWebBuilt((line) => process.stderr.write(`chronokube: ${line}\n`));
}

main().catch((err) => {
  const message = String((err && err.message) || err).replace(/\s*[\r\n]+\s*/g, ' ');
  process.stderr.write(`chronokube: ${message}; \`chronokube web\` will try again\n`);
});
