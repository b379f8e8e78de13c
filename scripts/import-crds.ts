/**
 * Regenerates the L1 bindings in imports/ from the upstream v2.17.0 CRDs.
 *
 * The CRD files are read from the upstream data directory (never copied into the repo):
 *   VITESS_OPERATOR_DATA (default ../shared/vitess-operator) / <tag> / planetscale.com_*.yaml
 * Usage: npm run import [-- <tag>]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const tag = process.argv[2] ?? 'v2.17.0';
const dataDir = resolve(process.env.VITESS_OPERATOR_DATA ?? join(__dirname, '..', '..', 'shared', 'vitess-operator'));
const dir = join(dataDir, tag);
const files = readdirSync(dir).filter((f) => /^planetscale\.com_.*\.yaml$/.test(f)).sort();
if (files.length === 0) {
  console.error(`no CRD files (planetscale.com_*.yaml) in ${dir}; set VITESS_OPERATOR_DATA to the upstream data directory`);
  process.exit(1);
}
// cdk8s import takes one source per call; concatenate into a temp file so one module holds every kind.
const tmp = mkdtempSync(join(tmpdir(), 'vitess-crds-'));
const bundle = join(tmp, 'planetscale.com.yaml');
writeFileSync(bundle, files.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n---\n'));
try {
  execFileSync(join(__dirname, '..', 'node_modules', '.bin', 'cdk8s'), ['import', '--language', 'typescript', '--output', 'imports', bundle], {
    cwd: join(__dirname, '..'),
    stdio: 'inherit',
  });
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
console.log(`imported ${files.length} CRDs of ${tag} into imports/`);
