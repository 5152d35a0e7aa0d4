#!/usr/bin/env node
// Thin launcher for the bundled CLI, built by `npm install` (the prepare script) or `npm run build`.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const entry = join(__dirname, '..', 'dist', 'cli', 'kubegate.cjs');
if (!existsSync(entry)) {
  process.stderr.write('kubegate: the built CLI is missing (dist/cli/kubegate.cjs). Run `npm install` or `npm run build` in the kubegate folder.\n');
  process.exit(2);
}
require(entry);
