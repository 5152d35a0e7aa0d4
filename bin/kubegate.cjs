#!/usr/bin/env node
// Thin launcher for the bundled CLI, built by `npm install` (the prepare script) or `npm run build`.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const dist = join(__dirname, '..', 'dist', 'cli');
if (!existsSync(join(dist, 'kubegate.cjs'))) {
  process.stderr.write('kubegate: the built CLI is missing (dist/cli/kubegate.cjs). Run `npm install` or `npm run build` in the kubegate folder.\n');
  process.exit(2);
}
const { loadCached, writeCodeCaches } = require(join(dist, 'code-cache.cjs'));
// The build runs the CLI once with this set, to record what a typical run compiles.
if (process.env.KUBEGATE_WRITE_CODE_CACHE === '1') process.on('exit', writeCodeCaches);
loadCached(join(dist, 'kubegate.cjs'));
