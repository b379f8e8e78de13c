#!/usr/bin/env node
'use strict';
// The package ships TypeScript sources (package.json "main" is lib/index.ts) and has no build step yet, so the
// CLI normally runs through tsx (~0.4 s to start). If a compiled build exists (tsc --outDir build), it is used
// instead: faster start and no tsx needed. Both paths load the same lib/cli/main.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const compiled = join(__dirname, '..', 'build', 'lib', 'cli', 'main.js');
if (existsSync(compiled)) {
  require(compiled).main();
} else {
  try {
    require('tsx/cjs');
  } catch (e) {
    if (e.code !== 'MODULE_NOT_FOUND') throw e;
    process.stderr.write('cdk8s-vitess: no compiled build (build/lib/cli/main.js) and tsx is not installed. Install tsx (npm i -D tsx) or compile with tsc --outDir build\n');
    process.exit(2);
  }
  require('../lib/cli/main.ts').main();
}
