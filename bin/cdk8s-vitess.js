#!/usr/bin/env node
'use strict';
// The package ships TypeScript sources (package.json "main" is lib/index.ts) and has no build step yet, so the
// CLI normally runs through tsx. If a compiled build exists (tsc --outDir build), it is used instead: faster
// start and no tsx needed. Both paths load the same lib/cli/main.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const compiled = join(__dirname, '..', 'build', 'lib', 'cli', 'main.js');
if (existsSync(compiled)) {
  require(compiled).main();
} else {
  require('tsx/cjs');
  require('../lib/cli/main.ts').main();
}
