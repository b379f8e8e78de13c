/**
 * `npx tsx scripts/bench/profile.ts`: where one cold `tsx examples/main.ts` run spends its CPU time. Runs the
 * examples under `node --cpu-prof` and prints inclusive time of the phases that matter, and self time by
 * package. This is the profile BENCHMARKS.md quotes for ratio (1).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string }; children?: number[] }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

/** Function names whose inclusive time tells the story, each with what it stands for. */
const PHASES: Array<[string, string]> = [
  ['require', 'loading modules (cdk8s, cdk8s-plus-27, constructs, yaml, imports/, lib/)'],
  ['buildExamples', 'building the 10 example apps (constructs, CRD files read and checked)'],
  ['yamlDocuments', '… parsing the release\'s CRD YAML (once, cached)'],
  ['synthApp', 'synthesizing the 10 apps'],
  ['validate', '… our validation rules'],
  ['save', '… cdk8s writing YAML (Yaml.save: stringify + write)'],
];

const root = resolve(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'cdk8s-vitess-profile-'));
const run = spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${join(dir, 'prof')}`, '--require', 'tsx/cjs', 'examples/main.ts'], {
  cwd: root, env: { ...process.env, CDK8S_OUTDIR: join(dir, 'out'), VITESS_OPERATOR_DATA: process.env.VITESS_OPERATOR_DATA ?? resolve(root, '..', 'shared', 'vitess-operator') }, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8',
});
if (run.status !== 0) throw new Error(`examples failed:\n${run.stderr}`);
const profileDir = join(dir, 'prof');
const profile: Profile = JSON.parse(readFileSync(join(profileDir, readdirSync(profileDir)[0]), 'utf8'));
rmSync(dir, { recursive: true, force: true });

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map<number, number>();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + profile.timeDeltas[i] / 1000));
const total = [...self.values()].reduce((a, b) => a + b, 0);

const inclusive = new Map<string, number>();
const byPackage = new Map<string, number>();
for (const [id, ms] of self) {
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const name = byId.get(cur)!.callFrame.functionName;
    if (!seen.has(name)) { seen.add(name); inclusive.set(name, (inclusive.get(name) ?? 0) + ms); }
  }
  const pkg = packageOf(byId.get(id)!.callFrame.url);
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + ms);
}

console.log(`| phase (inclusive CPU time, one cold run of ${total.toFixed(0)} ms) | ms | share |\n| --- | ---: | ---: |`);
for (const [fn, what] of PHASES) console.log(`| ${what} | ${(inclusive.get(fn) ?? 0).toFixed(0)} | ${Math.round((100 * (inclusive.get(fn) ?? 0)) / total)}% |`);
console.log('\n| self time by package | ms |\n| --- | ---: |');
for (const [pkg, ms] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`| ${pkg} | ${ms.toFixed(0)} |`);

function packageOf(url: string): string {
  if (!url) return '(V8: GC, compiler, native)';
  const m = url.match(/node_modules\/((@[^/]+\/)?[^/]+)/);
  if (m) return m[1] === 'cdk8s' ? 'cdk8s (incl. its bundled yaml writer)' : m[1];
  if (url.startsWith('node:')) return 'node internals';
  const rel = url.replace(/^file:\/\//, '').replace(root + '/', '');
  return `ours: ${rel.split('/')[0]}/`;
}
