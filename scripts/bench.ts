/**
 * `npm run bench` (not part of `npm test`): the library's speed as ratios measured in one run, so they
 * compare across machines better than milliseconds do. It prints; BENCHMARKS.md keeps the results.
 *
 * 1. `npm run synth` of the examples vs a trivial cdk8s app run by the same npm script, CLI and runner.
 * 2. In-process synth of a big topology (3 cells, 40 keyspaces, one with 256 custom shards, 3 pools each)
 *    vs `Yaml.stringify` of the objects it produces: the serialization floor.
 * 3. The same at 4× the shards: each side should grow in step with the output (linear).
 * Then a breakdown of (1), to show where its time goes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { App, Chart, Yaml } from 'cdk8s';
import { buildExamples, synthExamples } from '../examples/all';
import { bigTopology } from './bench/big-topology';
import { timeCommands, timeInProcess } from './bench/measure';

const root = resolve(__dirname, '..');
process.chdir(root);
process.env.VITESS_OPERATOR_DATA ??= resolve(root, '..', 'shared', 'vitess-operator');
const CLI_RUNS = Number(process.env.BENCH_CLI_RUNS ?? 7);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const scratch = mkdtempSync(join(tmpdir(), 'cdk8s-vitess-bench-'));
const tsx = join(root, 'node_modules', '.bin', 'tsx');
// The apps run without the CLI below write here instead of dist/ (the CLI passes --output as CDK8S_OUTDIR).
process.env.CDK8S_OUTDIR = join(scratch, 'direct');

const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
const lines: string[] = [];
const row = (...cells: string[]) => lines.push(`| ${cells.join(' | ')} |`);

// (1) Whole-process synth through npm and the cdk8s CLI, examples vs trivial app.
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const cli = timeCommands(CLI_RUNS, {
  examples: [npm, 'run', '--silent', 'synth', '--', '--output', join(scratch, 'examples')],
  trivial: [npm, 'run', '--silent', 'synth', '--', '--app', `${tsx} scripts/bench/trivial-app.ts`, '--output', join(scratch, 'trivial')],
  examplesApp: [tsx, 'examples/main.ts'],
  trivialApp: [tsx, 'scripts/bench/trivial-app.ts'],
});

// (2) and (3): in-process synth of the big topology vs serializing its objects.
function big(shards: number) {
  const build = () => { const app = new App(); bigTopology(app, shards); return app; };
  const synth = timeInProcess(RUNS, () => build().synthYaml());
  const app = build();
  const objects = app.charts.flatMap((c: Chart) => c.toJson());
  const floor = timeInProcess(RUNS, () => Yaml.stringify(...objects));
  return { shards, synth, floor, bytes: app.synthYaml().length };
}
const small = big(256);
const large = big(1024);

// Breakdown of (1): the examples in-process, and the part that is cdk8s serializing the operator charts.
const inProcess = timeInProcess(Math.min(RUNS, 5), () => synthExamples(join(scratch, 'in-process')));
const operatorYaml = (() => {
  const charts = buildExamples(join(scratch, 'charts')).flatMap((app) => app.charts.filter((c) => c.node.id === 'vitess-operator'));
  const objects = charts.map((c) => c.toJson());
  return { ms: timeInProcess(Math.min(RUNS, 5), () => objects.forEach((o) => Yaml.stringify(...o))), files: charts.length };
})();

rmSync(scratch, { recursive: true, force: true });

row('measure', 'ours', 'baseline', 'ratio', 'target');
row('---', '---:', '---:', '---:', '---:');
row('(1) `npm run synth`: examples vs trivial app, same npm/CLI/tsx', fmt(cli.examples), fmt(cli.trivial), ratio(cli.examples, cli.trivial), '≤ 1.2×');
row(`(2) big topology, ${small.shards} shards: synth vs Yaml.stringify floor`, fmt(small.synth), fmt(small.floor), ratio(small.synth, small.floor), '≤ 3×');
row(`(3) big topology, ${large.shards} shards: synth vs Yaml.stringify floor`, fmt(large.synth), fmt(large.floor), ratio(large.synth, large.floor), '≤ 3×');
row('(3) growth 256 → 1024 shards: synth time vs output bytes', ratio(large.synth, small.synth), ratio(large.bytes, small.bytes), ratio(large.synth / small.synth, large.bytes / small.bytes), '≈ 1× (linear)');
lines.push('');
row('breakdown of (1)', 'ms', 'share of examples');
row('---', '---:', '---:');
row('`npm run synth` of the examples', fmt(cli.examples), '100%');
row('npm + cdk8s CLI + tsx + cdk8s load (the trivial app\'s whole run)', fmt(cli.trivial), pct(cli.trivial));
row('examples app alone (tsx examples/main.ts, no npm/CLI)', fmt(cli.examplesApp), pct(cli.examplesApp));
row('trivial app alone (tsx, no npm/CLI)', fmt(cli.trivialApp), pct(cli.trivialApp));
row('examples in-process, warm (build, validate, write 10 apps)', fmt(inProcess), pct(inProcess));
row(`… of which cdk8s serializing the ${operatorYaml.files} operator charts (CRDs) to YAML`, fmt(operatorYaml.ms), pct(operatorYaml.ms));

console.log(lines.join('\n'));
console.log(`\nnode ${process.version}, ${CLI_RUNS} CLI runs and ${RUNS} in-process runs per median, big topology output ${(small.bytes / 1e6).toFixed(2)} MB / ${(large.bytes / 1e6).toFixed(2)} MB`);

function pct(ms: number): string {
  return `${Math.round((100 * ms) / cli.examples)}%`;
}
