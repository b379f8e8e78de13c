#!/usr/bin/env node
'use strict';
// In this repository the CLI runs from the TypeScript sources through tsx, so it never lags behind an edit.
// The published package ships only the compiled build (npm pack runs `npm run build`), so installs need no tsx.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const source = join(__dirname, '..', 'lib', 'cli', 'main.ts');
const compiled = join(__dirname, '..', 'build', 'lib', 'cli', 'main.js');

function hasTsx() {
  try {
    require.resolve('tsx/cjs');
    return true;
  } catch {
    return false;
  }
}

if (existsSync(source) && hasTsx()) {
  require('tsx/cjs');
  require(source).main();
} else if (existsSync(compiled)) {
  require(compiled).main();
} else {
  process.stderr.write('cdk8s-vitess: neither the compiled CLI (build/lib/cli/main.js) nor tsx for the sources was found: run `npm run build`, or `npm i -D tsx`\n');
  process.exit(2);
}
